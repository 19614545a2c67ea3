package io.acrauditor.cli;

import io.acrauditor.batch.AuditFailedException;
import io.acrauditor.text.EditDistance;
import io.acrauditor.text.Printable;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * One clean line on stderr for anything that stops a command, never a stack trace (unless
 * ACR_AUDITOR_DEBUG=true asks for one), and the exit code of its cause (see {@link ExitCodes}):
 * 2 for usage and input, 3 for the database, the file system or Azure.
 */
public final class CommandErrors {
  private CommandErrors() {}

  public static void install(CommandLine cli) {
    cli.setExitCodeExceptionMapper(e -> Failure.of(e).exitCode());
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println("acr-auditor: " + Printable.line(e.getMessage()) + suggestion(e));
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCodes.BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      Failure failure = Failure.of(e);
      String resume = e instanceof AuditFailedException failed && failed.restartableRunId() != null
          ? " (resume with: acr-auditor audit --restart " + failed.restartableRunId() + ")"
          : "";
      cmd.getErr().println("acr-auditor: " + failure.message() + resume);
      if (debug()) {
        e.printStackTrace(cmd.getErr());
      }
      return failure.exitCode();
    });
  }

  /** ACR_AUDITOR_DEBUG=true: the stack trace follows the one line. */
  public static boolean debug() {
    return "true".equalsIgnoreCase(System.getenv("ACR_AUDITOR_DEBUG"));
  }

  /** "; did you mean audit?" for a mistyped subcommand or option, on the same line. */
  private static String suggestion(CommandLine.ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
      return "";
    }
    List<String> suggestions = unmatched.getSuggestions();
    if (suggestions.isEmpty()) {
      // picocli compares letter pairs, which misses a transposition ("--dmeo"): edit distance finds it.
      suggestions = closest(unmatched.getUnmatched().get(0), e.getCommandLine().getCommandSpec());
    }
    if (suggestions.isEmpty()) {
      return "";
    }
    return "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?";
  }

  private static List<String> closest(String typed, CommandLine.Model.CommandSpec spec) {
    String word = typed.split("=", 2)[0];
    java.util.Collection<String> candidates = word.startsWith("-")
        ? spec.optionsMap().keySet()
        : spec.subcommands().keySet();
    int allowed = Math.max(1, word.length() / 3);
    return candidates.stream()
        .filter(c -> c.startsWith("--") == word.startsWith("--"))
        .filter(c -> EditDistance.of(word, c) <= allowed)
        .sorted(java.util.Comparator.comparingInt((String c) -> EditDistance.of(word, c)).thenComparing(c -> c))
        .toList();
  }
}
