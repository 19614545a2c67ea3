package io.acrauditor.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One command-line invocation in-process, with what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** What stderr says besides the line that names the run as it starts. */
  java.util.List<String> problems() {
    return err.lines().filter(l -> !l.matches("acr-auditor: run \\S+ started in .*")).toList();
  }

  /** {@link #problems()} as the text stderr held. */
  String problemText() {
    return problems().stream().map(l -> l + System.lineSeparator()).collect(java.util.stream.Collectors.joining());
  }
}
