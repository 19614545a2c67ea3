package io.acrauditor.history;

/**
 * The widths of the run history's text columns (db/migration/V2__run_history.sql) and the one way
 * a longer value goes in: cut, with a visible marker, never an SQL error that fails the run. The
 * history keeps names for people to read; runs are matched by fingerprint, which always fits.
 */
final class Columns {
  static final int SCOPE_KEY = 2048;
  static final int RUN_FOLDER = 2048;
  static final int RULE_ID = 64;
  static final int TITLE = 512;
  static final int SUBJECT_NAME = 1024;
  static final int RESOURCE_ID = 2048;
  static final int SUBSCRIPTION_ID = 64;

  static final String MARKER = "...[truncated]";

  private Columns() {}

  /** {@code value} when it fits in {@code width} characters, else its start and {@link #MARKER}. */
  static String fit(String value, int width) {
    if (value == null || value.length() <= width) {
      return value;
    }
    int keep = width - MARKER.length();
    // Never split a surrogate pair: half a character is not valid text for PostgreSQL.
    if (Character.isHighSurrogate(value.charAt(keep - 1))) {
      keep--;
    }
    return value.substring(0, keep) + MARKER;
  }
}
