package io.acrauditor.rules;

import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import java.util.List;

/** What the rules made of one subject: findings, and rules that could not decide. */
public record EvaluationOutcome(List<Finding> findings, List<EvaluationError> errors) {
  public static final EvaluationOutcome EMPTY = new EvaluationOutcome(List.of(), List.of());

  public EvaluationOutcome {
    findings = List.copyOf(findings);
    errors = List.copyOf(errors);
  }

  public boolean isEmpty() {
    return findings.isEmpty() && errors.isEmpty();
  }
}
