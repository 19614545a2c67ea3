package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written reading of Azure's usual timestamp form against {@link OffsetDateTime#parse}. */
class EvaluationTimeTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "2026-01-31T12:00:00Z",
      "2026-01-31T12:00:00.1234567Z",
      "2026-01-31T12:00:00.5Z",
      "2026-01-31T12:00:00.123456789Z",
      "2024-02-29T23:59:59Z",
      "0000-01-01T00:00:00Z",
      "2026-01-31T12:00:00+05:30",
      "2026-01-31T12:00:00-08:00",
      "2026-01-31T12:00:00.25-00:00",
      "2026-01-31T12:00:00+18:00"})
  void theCommonFormIsReadByHandExactlyAsTheGeneralParserReadsIt(String text) {
    assertThat(EvaluationTime.parseCommonForm(text)).isNotNull().isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2026-02-30T12:00:00Z",
      "2025-02-29T12:00:00Z",
      "2026-13-01T12:00:00Z",
      "2026-01-31T24:00:00Z",
      "2026-01-31T12:60:00Z",
      "2026-01-31T12:00:60Z",
      "2026-01-31T12:00:00.Z",
      "2026-01-31T12:00:00.1234567890Z",
      "2026-01-31T12:00:00+19:00",
      "2026-01-31T12:00:00+05:60",
      "2026-01-31t12:00:00z",
      "2026-01-31T12:00Z",
      "2026-01-31T12:00:00",
      "2026-01-31",
      "2026-01-31T12:00:00+0530",
      "2026-01-31T12:00:00Zjunk",
      "+2026-01-31T12:00:00Z",
      "2026-01-31T12:00:00Z "})
  void anythingElseIsLeftToTheGeneralParser(String text) {
    assertThat(EvaluationTime.parseCommonForm(text)).isNull();
  }

  @Test
  void impossibleDatesStillFailWithTheGeneralMessage() {
    assertThatThrownBy(() -> EvaluationTime.parse("2026-02-30T12:00:00Z"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'2026-02-30T12:00:00Z' is not an ISO-8601 timestamp");
    assertThat(EvaluationTime.parse(" 2026-01-31 ")).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
    assertThat(EvaluationTime.parse("2026-01-31T12:00:00")).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
  }

  /** Random strings in and around the form: the fast reading never disagrees with the general one. */
  @Test
  void neverDisagreesWithTheGeneralParser() {
    Random random = new Random(20261123);
    String[] tails = {"Z", "z", "+05:30", "-11:45", "+18:00", "+18:01", "-00:00", "+5:30", "", "Z!", "+05:30:00"};
    int readByHand = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder()
          .append(digits(random, 4)).append('-').append(digits(random, 2)).append('-').append(digits(random, 2))
          .append(random.nextInt(20) == 0 ? 't' : 'T')
          .append(digits(random, 2)).append(':').append(digits(random, 2)).append(':').append(digits(random, 2));
      if (random.nextBoolean()) {
        text.append('.').append(digits(random, random.nextInt(11)));
      }
      text.append(tails[random.nextInt(tails.length)]);
      String candidate = text.toString();
      Instant fast = EvaluationTime.parseCommonForm(candidate);
      if (fast != null) {
        readByHand++;
        assertThat(fast).as(candidate).isEqualTo(general(candidate));
      }
    }
    assertThat(readByHand).as("cases the fast reading took").isGreaterThan(1_000);
  }

  private static Instant general(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new AssertionError("read by hand, but the general parser refuses '" + text + "'", e);
    }
  }

  /** Digits biased towards valid date and time fields, so both sides of every range check are hit. */
  private static String digits(Random random, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(random.nextInt(4) == 0 ? (char) ('0' + random.nextInt(10)) : (char) ('0' + random.nextInt(3)));
    }
    return out.toString();
  }
}
