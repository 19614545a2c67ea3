package io.acrauditor.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Evidence values as a person reads them: yes/no, dates, lists joined with commas, a set of flags
 * as the names of those that are on, other maps as "key value" pairs. Never a JSON literal: a
 * reviewer should not have to read braces.
 */
final class EvidenceText {
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

  private EvidenceText() {}

  static String of(Object value) {
    if (value == null) {
      return "not recorded";
    }
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    if (value instanceof CharSequence text) {
      return text(text.toString());
    }
    if (value instanceof Collection<?> items) {
      return items.isEmpty() ? "none" : items.stream().map(EvidenceText::of).collect(Collectors.joining(", "));
    }
    if (value instanceof Map<?, ?> map) {
      return map(map);
    }
    return String.valueOf(value);
  }

  /** A set of flags reads as the names of those that are on; anything else as "key value" pairs. */
  private static String map(Map<?, ?> map) {
    if (map.isEmpty()) {
      return "none";
    }
    if (map.values().stream().allMatch(v -> v instanceof Boolean)) {
      List<String> on = map.entrySet().stream()
          .filter(e -> Boolean.TRUE.equals(e.getValue()))
          .map(e -> Labels.words(String.valueOf(e.getKey())))
          .toList();
      return on.isEmpty() ? "none" : String.join(", ", on);
    }
    return map.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(e -> Labels.words(String.valueOf(e.getKey())) + " " + of(e.getValue()))
        .collect(Collectors.joining("; "));
  }

  private static String text(String text) {
    if (TIMESTAMP.matcher(text).matches()) {
      try {
        return MINUTE.format(Instant.parse(text).atOffset(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        return text;
      }
    }
    return text;
  }
}
