package io.acrauditor.cli;

/** The process exit codes, as README.md and every command's --help list them. */
public final class ExitCodes {
  /** The audit ran and no finding reached the --fail-on severity. */
  public static final int OK = 0;
  /** The audit ran and some finding is at or above the --fail-on severity. */
  public static final int FINDINGS = 1;
  /** The audit could not be done: bad input, bad rules, unwritable output, Azure unreachable. */
  public static final int CANNOT_AUDIT = 2;

  static final String LIST_HEADING = "%nExit codes:%n";

  private ExitCodes() {}
}
