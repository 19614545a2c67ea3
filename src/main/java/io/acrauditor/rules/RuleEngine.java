package io.acrauditor.rules;

import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Fingerprint;
import io.acrauditor.inventory.index.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates every rule of a subject's kind against one subject. Thread-safe and stateless apart
 * from a cache of the last {@link EvaluationTime}, so one engine can serve every worker of a
 * chunked step. The subject is wrapped as a CEL value once, whatever the number of rules, and its
 * fields are read from the records only as conditions ask for them ({@link CelConverter}).
 */
public final class RuleEngine {
  private final RuleCatalog catalog;
  private volatile EvaluationTime lastTime;

  public RuleEngine(RuleCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  public RuleCatalog catalog() {
    return catalog;
  }

  /**
   * @param now the snapshot's {@code generatedAt}: {@code now}, {@code daysUntil} and {@code
   *     daysSince} count from it, so the same snapshot always gives the same findings
   */
  public EvaluationOutcome evaluate(Subject subject, Instant now) {
    EvaluationTime time = lastTime;
    if (time == null || !time.instant().equals(now)) {
      time = EvaluationTime.of(now);
      lastTime = time;
    }
    return evaluate(subject, time);
  }

  public EvaluationOutcome evaluate(Subject subject, EvaluationTime time) {
    List<CompiledRule> rules = catalog.rulesFor(subject.kind());
    if (rules.isEmpty()) {
      return EvaluationOutcome.EMPTY;
    }
    Optional<Object> value;
    try {
      value = Optional.of(EffectiveSubject.of(subject.kind(), CelValues.subjectValue(subject), subject.notRead()));
    } catch (RuntimeException e) {
      // Unconvertible input is every rule's error on this subject, never a silent pass.
      List<EvaluationError> errors = new ArrayList<>();
      for (CompiledRule rule : rules) {
        errors.add(new EvaluationError(rule.id(), subject.ref(), "subject could not be converted for CEL: " + e.getMessage()));
      }
      return new EvaluationOutcome(List.of(), errors);
    }
    List<Finding> findings = new ArrayList<>();
    List<EvaluationError> errors = new ArrayList<>();
    List<String> notAssessed = new ArrayList<>();
    for (CompiledRule rule : rules) {
      if (!subject.notRead().isEmpty() && rule.readsAnyOf(subject.notRead())) {
        notAssessed.add(rule.id());
        continue;
      }
      RuleEvaluation.Verdict verdict = RuleEvaluation.evaluate(rule, value, rule.celParameters(), time);
      if (verdict.conditionError() != null) {
        errors.add(new EvaluationError(rule.id(), subject.ref(), verdict.conditionError()));
        continue;
      }
      if (!verdict.fired()) {
        continue;
      }
      for (String problem : verdict.problems()) {
        errors.add(new EvaluationError(rule.id(), subject.ref(), problem));
      }
      findings.add(new Finding(
          rule.id(),
          rule.title(),
          verdict.severity(),
          subject.ref(),
          verdict.message(),
          verdict.evidence(),
          verdict.remediation(),
          rule.references(),
          Fingerprint.of(rule.id(), subject.kind().variable(), subject.ref().resourceId())));
    }
    if (findings.isEmpty() && errors.isEmpty() && notAssessed.isEmpty()) {
      return EvaluationOutcome.EMPTY; // most subjects: nothing to copy
    }
    return new EvaluationOutcome(findings, errors, notAssessed);
  }
}
