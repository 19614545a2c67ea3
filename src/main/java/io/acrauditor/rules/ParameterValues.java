package io.acrauditor.rules;

import java.util.Arrays;
import java.util.List;

/**
 * Parameter values take the type of the rule's default, whether they come from a test (already
 * typed by YAML) or from the command line (text). A value that does not fit is refused rather
 * than guessed, so {@code expiringSoonDays=two} is an error and not a rule that never fires.
 */
final class ParameterValues {
  private ParameterValues() {}

  /** Checks a default from a rule file and returns it as a CEL value. */
  static Object checkDefault(Object converted) {
    if (converted instanceof Long || converted instanceof Double || converted instanceof Boolean
        || converted instanceof String) {
      return converted;
    }
    if (converted instanceof List<?> list && list.stream().allMatch(e -> e instanceof String || e instanceof Long
        || e instanceof Double || e instanceof Boolean)) {
      return converted;
    }
    throw new IllegalArgumentException("default must be a number, boolean, string or list of those, not "
        + (converted == null ? "empty" : CelValues.display(converted)));
  }

  /** A value given in YAML (already a CEL value) for a parameter with this default. */
  static Object coerce(Object defaultValue, Object given) {
    if (given instanceof String text && !(defaultValue instanceof String)) {
      return parse(defaultValue, text);
    }
    if (defaultValue instanceof Double && given instanceof Long whole) {
      return whole.doubleValue();
    }
    if (defaultValue instanceof String && (given instanceof Long || given instanceof Double || given instanceof Boolean)) {
      return given.toString();
    }
    if (given != null && sameKind(defaultValue, given)) {
      return given;
    }
    throw new IllegalArgumentException("expects " + typeName(defaultValue) + ", got "
        + (given == null ? "nothing" : CelValues.display(given)));
  }

  /** A value given as text (command line, configuration) for a parameter with this default. */
  static Object parse(Object defaultValue, String text) {
    String value = text.trim();
    try {
      if (defaultValue instanceof Long) {
        return Long.parseLong(value);
      }
      if (defaultValue instanceof Double) {
        return Double.parseDouble(value);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expects " + typeName(defaultValue) + ", got '" + text + "'");
    }
    if (defaultValue instanceof Boolean) {
      if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(value);
      }
      throw new IllegalArgumentException("expects true or false, got '" + text + "'");
    }
    if (defaultValue instanceof List<?>) {
      return value.isEmpty() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).map(s -> (Object) s).toList();
    }
    return text;
  }

  static String typeName(Object defaultValue) {
    if (defaultValue instanceof Long) {
      return "an integer";
    }
    if (defaultValue instanceof Double) {
      return "a number";
    }
    if (defaultValue instanceof Boolean) {
      return "true or false";
    }
    if (defaultValue instanceof List<?>) {
      return "a list";
    }
    return "a string";
  }

  private static boolean sameKind(Object a, Object b) {
    return a.getClass() == b.getClass() || (a instanceof List<?> && b instanceof List<?>);
  }
}
