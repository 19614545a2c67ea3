package io.acrauditor.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each value a finding carries to a readable size, with a visible marker where it was cut:
 * a finding is read by people and copied into tickets, and one oversized value (a name at the
 * snapshot's string limit, a list of every caller) would otherwise be copied into the message,
 * the evidence, the commands, findings.json and report.html each. docs/operations.md ("Limits")
 * lists the bounds.
 */
final class FindingBounds {
  /** Characters of one text: a message, a remediation text or command, an evidence string. */
  static final int MAX_TEXT = 4096;
  /** Elements of one evidence list or map. */
  static final int MAX_ITEMS = 1000;

  private FindingBounds() {}

  static String text(String value) {
    if (value == null || value.length() <= MAX_TEXT) {
      return value;
    }
    int cut = MAX_TEXT;
    if (Character.isLowSurrogate(value.charAt(cut))) {
      cut--; // never half a character
    }
    return value.substring(0, cut) + "… [truncated: " + value.length() + " characters in all]";
  }

  /** An evidence value with every string, list and map in it bounded. */
  static Object evidence(Object value) {
    if (value instanceof String text) {
      return text(text);
    }
    if (value instanceof List<?> list) {
      List<Object> bounded = new ArrayList<>(Math.min(list.size(), MAX_ITEMS + 1));
      for (int i = 0; i < list.size() && i < MAX_ITEMS; i++) {
        bounded.add(evidence(list.get(i)));
      }
      if (list.size() > MAX_ITEMS) {
        bounded.add("… [truncated: " + list.size() + " items in all]");
      }
      return bounded;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> bounded = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (bounded.size() == MAX_ITEMS) {
          bounded.put("…", "[truncated: " + map.size() + " entries in all]");
          break;
        }
        bounded.put(entry.getKey() instanceof String key ? text(key) : entry.getKey(), evidence(entry.getValue()));
      }
      return bounded;
    }
    return value;
  }
}
