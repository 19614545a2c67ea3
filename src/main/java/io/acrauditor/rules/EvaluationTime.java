package io.acrauditor.rules;

import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelLateFunctionBindings;
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

  @Override
  public boolean equals(Object other) {
    return other instanceof EvaluationTime time && time.instant.equals(instant);
  }

  @Override
  public int hashCode() {
    return instant.hashCode();
  }
}
