package io.acrauditor.inventory.index;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Azure RBAC action matching: {@code *} stands for any run of characters and comparison ignores
 * case, so {@code *}, {@code * /read} and {@code Microsoft.ContainerRegistry/*} behave as Azure
 * evaluates them.
 */
final class ActionPattern {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private ActionPattern() {}

  static boolean matches(String pattern, String action) {
    if (pattern == null) {
      return false;
    }
    if (pattern.indexOf('*') < 0) {
      return pattern.equalsIgnoreCase(action);
    }
    return CACHE.computeIfAbsent(pattern.toLowerCase(Locale.ROOT), ActionPattern::compile)
        .matcher(action.toLowerCase(Locale.ROOT))
        .matches();
  }

  private static Pattern compile(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String literal : pattern.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString());
  }
}
