package io.acrauditor.findings;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, while subjects are evaluated, how each rule fared on each: failed (it raised a
 * finding), not assessed (it could not decide, or errored), else passed. Counted as the
 * evaluation goes rather than afterwards, because afterwards nobody knows the passes.
 */
public final class CheckTally {
  private final Map<String, int[]> counts = new TreeMap<>();

  private static final int EVALUATED = 0;
  private static final int FAILED = 1;
  private static final int NOT_ASSESSED = 2;

  /**
   * One subject: {@code applied} are the rules of its kind; {@code notAssessed} and {@code errored}
   * the ids of those that could not decide. A rule in both lists and among the findings counts once,
   * not assessed winning over failed only when it raised nothing.
   */
  public void subject(Collection<String> applied, List<Finding> findings, Collection<String> notAssessed,
      List<EvaluationError> errors) {
    for (String rule : applied) {
      int[] c = counts.computeIfAbsent(rule, k -> new int[3]);
      c[EVALUATED]++;
      if (findings.stream().anyMatch(f -> rule.equals(f.ruleId()))) {
        c[FAILED]++;
      } else if (notAssessed.contains(rule) || errors.stream().anyMatch(e -> rule.equals(e.ruleId()))) {
        c[NOT_ASSESSED]++;
      }
    }
  }

  public List<RuleChecks> checks() {
    return counts.entrySet().stream()
        .map(e -> {
          int[] c = e.getValue();
          return new RuleChecks(e.getKey(), c[EVALUATED], c[EVALUATED] - c[FAILED] - c[NOT_ASSESSED], c[FAILED],
              c[NOT_ASSESSED], 0);
        })
        .toList();
  }
}
