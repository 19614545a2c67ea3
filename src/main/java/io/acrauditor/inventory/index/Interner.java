package io.acrauditor.inventory.index;

import java.util.HashMap;
import java.util.Map;

/**
 * One copy of each distinct string. Hundreds of thousands of role assignments name a few thousand
 * principals, scopes and roles; each parsed record brings its own copies, which this folds into one.
 * Not {@link String#intern()}: these copies should die with the index.
 */
final class Interner {
  private final Map<String, String> strings = new HashMap<>();

  String of(String value) {
    if (value == null) {
      return null;
    }
    String known = strings.putIfAbsent(value, value);
    return known != null ? known : value;
  }
}
