package io.acrauditor.rules;

import io.acrauditor.inventory.RequiredProperties;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue's check that every rule says what an absent property means: for each optional
 * property of the subject's inventory record its condition reads (optional: not {@code required}
 * by the snapshot schema), some inline test must leave that property out. Without one, nothing
 * shows how the rule judges a resource on which Azure left the property at its default.
 */
final class AbsentCases {
  private AbsentCases() {}

  /** One failing result per optional property read without an absent-case test. */
  static List<SelfTestResult> check(CompiledRule rule) {
    Class<? extends Record> resource = rule.subject().resource();
    Set<String> required = RequiredProperties.of(resource);
    List<SelfTestResult> missing = new ArrayList<>();
    for (String path : optionalPaths(rule, resource, required)) {
      boolean covered = rule.definition().tests().stream().anyMatch(test -> absent(test.subject(), path.split("\\.")));
      if (!covered) {
        missing.add(new SelfTestResult(rule.id(), rule.definition().file(), "absent case of " + path, false,
            "the condition reads the optional property " + rule.subject().variable() + "." + path
                + " but no inline test leaves it out; add one that shows what its service default does"));
      }
    }
    return missing;
  }

  /** The paths the condition reads that start at an optional component of the resource record. */
  private static List<String> optionalPaths(CompiledRule rule, Class<? extends Record> resource, Set<String> required) {
    List<String> paths = new ArrayList<>();
    for (String path : rule.reads()) {
      String top = path.split("[.\\[]", 2)[0];
      if (!required.contains(top) && isComponent(resource, top)) {
        paths.add(path);
      }
    }
    return paths;
  }

  private static boolean isComponent(Class<? extends Record> resource, String name) {
    for (RecordComponent component : resource.getRecordComponents()) {
      if (component.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the test subject leaves the path out: some segment is missing, or (through a list,
   * {@code passwords[]}) some element leaves the rest out.
   */
  private static boolean absent(Object value, String[] segments) {
    return absentFrom(value, segments, 0);
  }

  private static boolean absentFrom(Object value, String[] segments, int at) {
    if (at == segments.length) {
      return value == null;
    }
    if (!(value instanceof Map<?, ?> map)) {
      return value == null;
    }
    String segment = segments[at];
    boolean element = segment.endsWith("[]");
    Object child = map.get(element ? segment.substring(0, segment.length() - 2) : segment);
    if (child == null) {
      return true;
    }
    if (element && child instanceof List<?> list) {
      return list.stream().anyMatch(item -> absentFrom(item, segments, at + 1));
    }
    return absentFrom(child, segments, at + 1);
  }
}
