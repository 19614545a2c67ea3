package io.acrauditor.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The few settings Spring needs before the command line is parsed by picocli: where the run
 * history lives. Only {@code audit} keeps history; every other command gets a throwaway in-memory
 * database, so that {@code --help} or {@code rules list} never leaves files behind.
 */
public final class LaunchArguments {
  private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

  private LaunchArguments() {}

  /**
   * The arguments as picocli will parse them, with {@code @file} replaced by the file's arguments:
   * the CronJob passes nothing but {@code @/etc/acr-auditor/audit.args}.
   */
  public static String[] expandAtFiles(String[] args) {
    CommandLine probe = new CommandLine(CommandLine.Model.CommandSpec.create());
    probe.setUnmatchedArgumentsAllowed(true);
    return probe.parseArgs(args).expandedArgs().toArray(String[]::new);
  }

  /** Properties of lowest precedence: Spring's own configuration (SPRING_DATASOURCE_URL ...) wins. */
  public static Map<String, Object> defaults(String[] args) {
    Map<String, Object> defaults = new HashMap<>();
    boolean audit = args.length > 0 && args[0].equals("audit") && List.of(args).stream().noneMatch(HELP::contains);
    if (audit) {
      HistoryFolder.prepare(ReportsRoot.path().resolve("history"));
    }
    defaults.put("spring.datasource.url", audit ? defaultHistoryUrl() : "jdbc:h2:mem:acr-auditor-scratch");
    return defaults;
  }

  /**
   * The run history when nothing else is configured: an H2 file under the reports root. H2 writes
   * commits to disk up to a second late by default; a run killed in that second (a node drain, an
   * OOM kill) would lose the very rows that let it be found and resumed, so every commit is
   * written at once ({@code WRITE_DELAY=0}: the history commits a few rows per step, never a flood).
   */
  static String defaultHistoryUrl() {
    return "jdbc:h2:file:" + ReportsRoot.path().resolve("history").resolve("acr-auditor").toAbsolutePath()
        + ";WRITE_DELAY=0";
  }

  /** Explicit --db-url / --db-user win over everything else, as command-line options should. */
  public static Map<String, String> overrides(String[] args) {
    Map<String, String> overrides = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      option(args, i, "--db-url").ifPresent(v -> overrides.put("spring.datasource.url", v));
      option(args, i, "--db-user").ifPresent(v -> overrides.put("spring.datasource.username", v));
    }
    return overrides;
  }

  private static java.util.Optional<String> option(String[] args, int i, String name) {
    if (args[i].startsWith(name + "=")) {
      return java.util.Optional.of(args[i].substring(name.length() + 1));
    }
    if (args[i].equals(name) && i + 1 < args.length) {
      return java.util.Optional.of(args[i + 1]);
    }
    return java.util.Optional.empty();
  }
}
