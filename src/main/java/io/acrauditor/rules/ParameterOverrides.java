package io.acrauditor.rules;

import io.acrauditor.inventory.index.SubjectKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@code --param} style overrides. A key is {@code <subject>.<param>} (every rule of that
 * subject kind declaring the parameter) or {@code <RULE-ID>.<param>} (one rule, and it wins over
 * the subject form). A key that sets nothing is an error: a typo must not leave the default in
 * force while the operator believes otherwise.
 */
final class ParameterOverrides {
  private ParameterOverrides() {}

  static List<CompiledRule> apply(List<CompiledRule> rules, Map<String, String> overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return rules;
    }
    Map<String, Map<String, String>> bySubject = new TreeMap<>();
    Map<String, Map<String, String>> byRule = new TreeMap<>();
    Map<String, CompiledRule> ruleById = new LinkedHashMap<>();
    rules.forEach(rule -> ruleById.put(rule.id(), rule));
    for (Map.Entry<String, String> entry : new TreeMap<>(overrides).entrySet()) {
      String key = entry.getKey().trim();
      int dot = key.indexOf('.');
      if (dot <= 0 || dot == key.length() - 1) {
        throw new RuleLoadException("parameter override '" + key + "': expected <subject>.<parameter> or <RULE-ID>.<parameter>");
      }
      String scope = key.substring(0, dot);
      String name = key.substring(dot + 1);
      if (isSubject(scope)) {
        List<String> declaring = rules.stream()
            .filter(rule -> rule.subject().variable().equals(scope) && rule.parameters().containsKey(name))
            .map(CompiledRule::id)
            .toList();
        if (declaring.isEmpty()) {
          throw new RuleLoadException("parameter override '" + key + "': no " + scope + " rule declares a parameter '"
              + name + "'" + declared(rules, scope));
        }
        bySubject.computeIfAbsent(scope, s -> new LinkedHashMap<>()).put(name, entry.getValue());
      } else if (ruleById.containsKey(scope)) {
        CompiledRule rule = ruleById.get(scope);
        if (!rule.parameters().containsKey(name)) {
          throw new RuleLoadException("parameter override '" + key + "': rule " + scope + " (" + rule.definition().file()
              + ") has no parameter '" + name + "'; it declares: "
              + (rule.parameters().isEmpty() ? "none" : String.join(", ", rule.parameters().keySet())));
        }
        byRule.computeIfAbsent(scope, s -> new LinkedHashMap<>()).put(name, entry.getValue());
      } else {
        throw new RuleLoadException("parameter override '" + key + "': '" + scope
            + "' is neither a subject kind (" + SubjectKind.allVariables() + ") nor a loaded rule id");
      }
    }
    List<CompiledRule> result = new ArrayList<>(rules.size());
    for (CompiledRule rule : rules) {
      Map<String, String> texts = new LinkedHashMap<>(bySubject.getOrDefault(rule.subject().variable(), Map.of()));
      texts.putAll(byRule.getOrDefault(rule.id(), Map.of()));
      texts.keySet().retainAll(rule.parameters().keySet());
      if (texts.isEmpty()) {
        result.add(rule);
        continue;
      }
      Map<String, Object> effective = new LinkedHashMap<>(rule.parameters());
      texts.forEach((name, text) -> {
        try {
          effective.put(name, ParameterValues.parse(rule.definition().parameters().get(name).defaultValue(), text));
        } catch (IllegalArgumentException e) {
          throw new RuleLoadException("parameter override for rule " + rule.id() + " (" + rule.definition().file()
              + "): parameter '" + name + "' " + e.getMessage());
        }
      });
      result.add(rule.withParameters(effective));
    }
    return result;
  }

  private static boolean isSubject(String scope) {
    for (SubjectKind kind : SubjectKind.values()) {
      if (kind.variable().equals(scope)) {
        return true;
      }
    }
    return false;
  }

  private static String declared(List<CompiledRule> rules, String subject) {
    List<String> names = rules.stream()
        .filter(rule -> rule.subject().variable().equals(subject))
        .flatMap(rule -> rule.parameters().keySet().stream())
        .distinct()
        .sorted()
        .toList();
    return names.isEmpty() ? " (" + subject + " rules declare no parameters)" : " (" + subject + " rules declare: " + String.join(", ", names) + ")";
  }
}
