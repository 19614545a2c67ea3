package io.acrauditor.cli;

/**
 * The process exit codes, one per cause, as README.md, docs/operations.md and every command's
 * --help list them. A CronJob's podFailurePolicy keys on them: 1 and 2 fail the Job (a retry would
 * only repeat them), 3 is retried.
 */
public final class ExitCodes {
  /** The audit ran and no finding reached the --fail-on severity. */
  public static final int OK = 0;
  /** The audit ran and some finding is at or above the --fail-on severity. */
  public static final int FINDINGS = 1;
  /** Bad input or usage: a malformed snapshot, a bad rule, an unknown option, no Azure credential. */
  public static final int BAD_INPUT = 2;
  /** Infrastructure: run-history database busy or unreachable, file system full, Azure unreachable. */
  public static final int INFRASTRUCTURE = 3;

  static final String LIST_HEADING = "%nExit codes:%n";
  static final String OK_LINE = "0:clean: no finding at or above --fail-on (waived findings aside)";
  static final String FINDINGS_LINE = "1:findings at or above --fail-on (--fail-on-new: new ones only)";
  static final String BAD_INPUT_LINE =
      "2:bad input or usage (snapshot, rules, waivers, options, output folder, no Azure credential)";
  static final String INFRASTRUCTURE_LINE =
      "3:infrastructure (run-history database busy or unreachable, disk full, Azure unreachable): retry";

  private ExitCodes() {}
}
