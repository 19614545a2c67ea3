package io.acrauditor.findings;

import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.index.RegistryAccessPaths;
import java.util.List;

/**
 * Everything one audit produced: the input of every report writer. {@code comparison} is null
 * when the run was made without history. The access matrix is computed as the writers walk it.
 * {@code gate} is the decision behind the exit code; {@code controls} the checks per rule and
 * per MCSB control (null for a result made without them). {@code waivers} are the accepted risks
 * the run was given, judged on its day; null when none.
 */
public record AuditResult(
    RunMetadata run,
    Summary summary,
    List<Finding> findings,
    List<EvaluationError> evaluationErrors,
    Coverage coverage,
    RegistryAccessPaths accessMatrix,
    List<AppliedRule> rules,
    RunComparison comparison,
    GateDecision gate,
    Controls controls,
    Waivers waivers) {

  /** A result without a gate decision, check counts or waivers (tests, and readers of older runs). */
  public AuditResult(
      RunMetadata run,
      Summary summary,
      List<Finding> findings,
      List<EvaluationError> evaluationErrors,
      Coverage coverage,
      RegistryAccessPaths accessMatrix,
      List<AppliedRule> rules,
      RunComparison comparison) {
    this(run, summary, findings, evaluationErrors, coverage, accessMatrix, rules, comparison, null, null, null);
  }
}
