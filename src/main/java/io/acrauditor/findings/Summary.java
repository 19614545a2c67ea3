package io.acrauditor.findings;

import java.util.List;
import java.util.Map;

/** Counts for the first screen of a report. {@code bySeverity} has every severity, zeros included. */
public record Summary(
    int findings,
    Map<String, Integer> bySeverity,
    List<RuleCount> byRule,
    int subjectsEvaluated,
    int evaluationErrors,
    int coverageGaps) {

  public record RuleCount(String ruleId, String title, Severity severity, int count) {}
}
