package io.acrauditor.rules;

import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelLateFunctionBindings;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The instant rules are evaluated at (the snapshot's {@code generatedAt}, never the wall clock,
 * so one snapshot always gives the same findings), in the two forms CEL needs: the value of
 * {@code now} and the bindings of {@code daysUntil}/{@code daysSince}, which count from it.
 * Immutable; build one per snapshot and share it across threads.
 */
public final class EvaluationTime {
  private static final long SECONDS_PER_DAY = 86_400L;
  /** Scales a fraction of n digits to nanoseconds: TENS[9 - n]. */
  private static final int[] TENS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private final Instant instant;
  private final Optional<Object> celNow;
  private final CelLateFunctionBindings functions;

  private EvaluationTime(Instant instant) {
    this.instant = Objects.requireNonNull(instant, "now");
    this.celNow = Optional.of(instant);
    this.functions = CelLateFunctionBindings.from(
        CelFunctionBinding.from(RuleCel.DAYS_UNTIL_OVERLOAD, String.class, text -> wholeDays(instant, parse(text))),
        CelFunctionBinding.from(RuleCel.DAYS_SINCE_OVERLOAD, String.class, text -> wholeDays(parse(text), instant)));
  }

  public static EvaluationTime of(Instant instant) {
    return new EvaluationTime(instant);
  }

  public Instant instant() {
    return instant;
  }

  Optional<Object> celNow() {
    return celNow;
  }

  CelLateFunctionBindings functions() {
    return functions;
  }

  /**
   * Whole days from {@code from} to {@code to}, rounded down: 12 hours past an expiry is already
   * day -1 (expired), 36 hours before it is day 1.
   */
  static long wholeDays(Instant from, Instant to) {
    return Math.floorDiv(to.getEpochSecond() - from.getEpochSecond(), SECONDS_PER_DAY);
  }

  /** Azure writes timestamps with or without offsets and fractions; a bare date means midnight UTC. */
  static Instant parse(String text) {
    String trimmed = text.trim();
    Instant common = parseCommonForm(trimmed);
    if (common != null) {
      return common;
    }
    try {
      return OffsetDateTime.parse(trimmed).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDate) {
          throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 timestamp");
        }
      }
    }
  }

  /**
   * The form Azure nearly always writes, {@code 2026-01-31T12:00:00Z} with an optional fraction of
   * up to nine digits and {@code Z} or {@code +hh:mm}, read by hand: {@link OffsetDateTime#parse}
   * goes through a general formatter and cost a tenth of all rule evaluation. Gives exactly what
   * that parse gives, or null for anything else (other forms, impossible dates), which then takes
   * the general path and its error message.
   */
  static Instant parseCommonForm(String text) {
    int length = text.length();
    if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int position = 19;
    int nanos = 0;
    if (text.charAt(position) == '.') {
      int end = position + 1;
      while (end < length && isAsciiDigit(text.charAt(end))) {
        end++;
      }
      int fractionDigits = end - position - 1;
      if (fractionDigits == 0 || fractionDigits > 9) {
        return null;
      }
      nanos = digits(text, position + 1, end) * TENS[9 - fractionDigits];
      position = end;
    }
    ZoneOffset offset;
    if (position == length - 1 && text.charAt(position) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (position == length - 6 && (text.charAt(position) == '+' || text.charAt(position) == '-')
        && text.charAt(position + 3) == ':') {
      int offsetHours = digits(text, position + 1, position + 3);
      int offsetMinutes = digits(text, position + 4, position + 6);
      if ((offsetHours | offsetMinutes) < 0) {
        return null;
      }
      int sign = text.charAt(position) == '-' ? -1 : 1;
      try {
        offset = ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes);
      } catch (DateTimeException outOfRange) {
        return null;
      }
    } else {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
    } catch (DateTimeException impossible) {
      return null; // February 30th and friends: the general parse says why
    }
  }

  /** The decimal value of text[from, to) when every character is an ASCII digit, else -1. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!isAsciiDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EvaluationTime time && time.instant.equals(instant);
  }

  @Override
  public int hashCode() {
    return instant.hashCode();
  }
}
