package io.acrauditor.rules;

import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import java.util.List;

/**
 * What the rules made of one subject: findings, rules that could not decide, and {@code
 * notAssessed}: ids of rules that could not be assessed on this subject because what they read
 * is unknown (behind a coverage gap). A rule in none of the lists passed.
 */
public record EvaluationOutcome(List<Finding> findings, List<EvaluationError> errors, List<String> notAssessed) {
  public static final EvaluationOutcome EMPTY = new EvaluationOutcome(List.of(), List.of(), List.of());

  public EvaluationOutcome {
    findings = List.copyOf(findings);
    errors = List.copyOf(errors);
    notAssessed = notAssessed == null ? List.of() : List.copyOf(notAssessed);
  }

  public EvaluationOutcome(List<Finding> findings, List<EvaluationError> errors) {
    this(findings, errors, List.of());
  }

  public boolean isEmpty() {
    return findings.isEmpty() && errors.isEmpty() && notAssessed.isEmpty();
  }
}
