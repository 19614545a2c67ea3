package io.acrauditor.report;

import java.util.Locale;
import java.util.Map;

/** Names for people: an evidence key's label from its rule, else the key split into words. */
final class Labels {
  private Labels() {}

  static String evidence(String key, Map<String, String> labels) {
    String label = labels == null ? null : labels.get(key);
    if (label != null && !label.isBlank()) {
      return label;
    }
    String words = words(key);
    return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** {@code adminDistinctCallerIps} as {@code admin distinct caller ips}. */
  static String words(String key) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(key.charAt(i - 1))) {
        out.append(' ');
      }
      out.append(c == '_' || c == '-' ? ' ' : Character.toLowerCase(c));
    }
    return out.toString().toLowerCase(Locale.ROOT).strip();
  }
}
