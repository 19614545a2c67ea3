package io.acrauditor.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts for the first screen of a report and for the command line. */
public final class Summaries {
  private Summaries() {}

  public static Summary of(List<Finding> findings, int subjects, int errors, int gaps) {
    Map<String, Integer> bySeverity = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      bySeverity.put(s.label(), 0);
    }
    Map<String, Summary.RuleCount> byRule = new LinkedHashMap<>();
    for (Finding f : findings) {
      bySeverity.merge(f.severity().label(), 1, Integer::sum);
      byRule.merge(
          f.ruleId(),
          new Summary.RuleCount(f.ruleId(), f.title(), f.severity(), 1),
          (a, b) -> new Summary.RuleCount(
              a.ruleId(), a.title(), a.severity().atLeast(b.severity()) ? a.severity() : b.severity(),
              a.count() + 1));
    }
    List<Summary.RuleCount> rules = new ArrayList<>(byRule.values());
    rules.sort(Comparator.comparing(Summary.RuleCount::severity)
        .thenComparing(Comparator.comparingInt(Summary.RuleCount::count).reversed())
        .thenComparing(Summary.RuleCount::ruleId));
    return new Summary(findings.size(), bySeverity, rules, subjects, errors, gaps);
  }

  /** True when some finding is at least as severe as {@code threshold}. */
  public static boolean anyAtLeast(List<Finding> findings, Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }
}
