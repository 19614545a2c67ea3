package io.acrauditor.rules;

import io.acrauditor.inventory.ServiceDefault;
import io.acrauditor.inventory.ServiceDefaults;
import io.acrauditor.inventory.index.SubjectKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subject as rules judge it: every property Azure left out of a resource it returned holds its
 * service default ({@link ServiceDefaults}), and {@code defaulted} / {@code notRead} say which
 * values were not Azure's own ({@link io.acrauditor.inventory.index.FieldOrigins}). Built the same
 * way for an audited subject and an inline test's subject, so a test of the absent case means
 * what an audit does.
 *
 * <p>Only the top-level fields a default touches are copied; the rest is read through.
 */
final class EffectiveSubject {
  static final String DEFAULTED = "defaulted";
  static final String NOT_READ = "notRead";

  private EffectiveSubject() {}

  static Map<String, Object> of(SubjectKind kind, Map<String, Object> subject, List<String> notRead) {
    Map<String, Object> overlay = new LinkedHashMap<>();
    List<String> defaulted = new ArrayList<>();
    for (ServiceDefault d : ServiceDefaults.of(kind.resource())) {
      if (!underAny(d.path(), notRead) && apply(subject, overlay, d.path().split("\\."), d.value())) {
        defaulted.add(d.path());
      }
    }
    overlay.put(DEFAULTED, Collections.unmodifiableList(defaulted));
    overlay.put(NOT_READ, notRead);
    return new SubjectMap(subject, Collections.unmodifiableMap(overlay));
  }

  /** The notRead fields an inline test's subject names, if any. */
  static List<String> notReadOf(Map<String, Object> subject) {
    Object listed = subject.get(NOT_READ);
    List<String> names = new ArrayList<>();
    if (listed instanceof List<?> list) {
      list.forEach(name -> names.add(String.valueOf(name)));
    }
    return List.copyOf(names);
  }

  private static boolean underAny(String path, List<String> notRead) {
    for (String unread : notRead) {
      if (path.equals(unread) || path.startsWith(unread + ".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets {@code path} to {@code value} in the overlay when the subject does not hold it; true when
   * it did so. A parent that is present but not an object (which the model never produces) is
   * left alone.
   */
  private static boolean apply(Map<String, Object> subject, Map<String, Object> overlay, String[] path, Object value) {
    String top = path[0];
    Object current = overlay.containsKey(top) ? overlay.get(top) : subject.get(top);
    if (path.length == 1) {
      if (current != null) {
        return false;
      }
      overlay.put(top, value);
      return true;
    }
    if (current != null && !(current instanceof Map<?, ?>)) {
      return false;
    }
    Map<String, Object> copy = copyOf(current);
    if (!setNested(copy, path, 1, value)) {
      return false;
    }
    overlay.put(top, Collections.unmodifiableMap(copy));
    return true;
  }

  private static boolean setNested(Map<String, Object> map, String[] path, int at, Object value) {
    Object current = map.get(path[at]);
    if (at == path.length - 1) {
      if (current != null) {
        return false;
      }
      map.put(path[at], value);
      return true;
    }
    if (current != null && !(current instanceof Map<?, ?>)) {
      return false;
    }
    Map<String, Object> copy = copyOf(current);
    if (!setNested(copy, path, at + 1, value)) {
      return false;
    }
    map.put(path[at], Collections.unmodifiableMap(copy));
    return true;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copyOf(Object map) {
    return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) map);
  }
}
