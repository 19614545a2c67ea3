package io.acrauditor.findings;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An accepted risk: findings of {@code rule} (or of every rule, {@code *}) on {@code subject} (a
 * resource id or a glob over it) and/or with {@code fingerprint}, accepted by {@code approvedBy}
 * for {@code reason} until {@code expires} (the last day it applies, UTC). {@code file} and
 * {@code line} say where it was written, for every message about it.
 */
public record Waiver(
    String rule,
    String subject,
    String fingerprint,
    String reason,
    String approvedBy,
    String ticket,
    LocalDate expires,
    Kind kind,
    String file,
    int line) {

  /** As Defender for Cloud's exemption categories. */
  public enum Kind {
    ACCEPTED,
    MITIGATED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final String ANY_RULE = "*";

  /** False from the day after {@code expires}. */
  public boolean appliesOn(LocalDate day) {
    return !day.isAfter(expires);
  }

  /** "file:line", for messages. */
  public String where() {
    return file + ":" + line;
  }

  /**
   * The glob as a whole-string, case-insensitive pattern: {@code *} any run of characters
   * (slashes included, so {@code .../registries/acr1/tokens/*} names every token of acr1), {@code
   * ?} one character, everything else literal.
   */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : stripSlash(glob).toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }

  static String stripSlash(String id) {
    return id.endsWith("/") && id.length() > 1 ? id.substring(0, id.length() - 1) : id;
  }
}
