package io.acrauditor.inventory.index;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** ISO-8601 timestamps as Azure writes them, with or without an offset. */
final class Timestamps {
  private Timestamps() {}

  static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.parse(text);
    }
  }

  /** Orders two timestamps by instant; text order when either is not a timestamp. */
  static int compare(String a, String b) {
    try {
      return parse(a).compareTo(parse(b));
    } catch (DateTimeParseException e) {
      return a.compareTo(b);
    }
  }
}
