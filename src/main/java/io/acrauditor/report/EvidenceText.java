package io.acrauditor.report;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.SerializationFeature;

/** Evidence values as one line of text for a person: lists of plain values joined, the rest as JSON. */
final class EvidenceText {
  private EvidenceText() {}

  static String of(Object value) {
    if (value == null) {
      return "(absent)";
    }
    if (isScalar(value)) {
      return String.valueOf(value);
    }
    if (value instanceof Collection<?> items && items.stream().allMatch(EvidenceText::isScalar)) {
      return items.isEmpty() ? "(none)" : items.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
    if (value instanceof Map<?, ?> map && map.isEmpty()) {
      return "(none)";
    }
    return ReportJson.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
  }

  private static boolean isScalar(Object value) {
    return value instanceof CharSequence
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof Enum<?>
        || value instanceof java.time.temporal.TemporalAccessor;
  }
}
