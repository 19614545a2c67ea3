package io.acrauditor.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.inventory.index.SubjectRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckTallyTest {
  private static final SubjectRef REGISTRY = new SubjectRef("/r/a", "a", "registry", "s", "g", "t");

  private static Finding finding(String rule) {
    return new Finding(rule, "t", Severity.HIGH, REGISTRY, "m", Map.of(), null, List.of(), rule + "-fp");
  }

  @Test
  void eachRuleOfTheKindIsCountedPassedFailedOrNotAssessedOncePerSubject() {
    CheckTally tally = new CheckTally();
    List<String> rules = List.of("R1", "R2", "R3");
    tally.subject(rules, List.of(finding("R1")), List.of("R2"), List.of());
    tally.subject(rules, List.of(), List.of(), List.of(new EvaluationError("R3", REGISTRY, "no such key")));
    tally.subject(rules, List.of(), List.of(), List.of());
    assertThat(tally.checks()).containsExactly(
        new RuleChecks("R1", 3, 2, 1, 0, 0),
        // Unknown is never a pass: behind a gap on one subject.
        new RuleChecks("R2", 3, 2, 0, 1, 0),
        // An error on a subject leaves it not assessed.
        new RuleChecks("R3", 3, 2, 0, 1, 0));
  }

  @Test
  void controlsAddUpTheRulesThatNameThemAndKeepRulesWithoutSubjects() {
    Reference pa7 = new Reference("mcsb", "PA-7", "Least privilege", null);
    Reference im1 = new Reference("mcsb", "IM-1", "Central identity", null);
    List<AppliedRule> rules = List.of(
        new AppliedRule("R1", "t1", Severity.HIGH, "registry", "", List.of(pa7, im1), Map.of()),
        new AppliedRule("R2", "t2", Severity.LOW, "token", "", List.of(pa7), Map.of()),
        new AppliedRule("R3", "t3", Severity.LOW, "cluster", "", List.of(new Reference("guidance", null, "x", "https://x")), Map.of()));
    Controls controls = Controls.of(rules, List.of(new RuleChecks("R1", 3, 2, 1, 0, 0), new RuleChecks("R2", 5, 3, 1, 1, 0)));
    assertThat(controls.rules()).extracting(RuleChecks::ruleId, RuleChecks::evaluated).containsExactly(
        org.assertj.core.groups.Tuple.tuple("R1", 3), org.assertj.core.groups.Tuple.tuple("R2", 5),
        org.assertj.core.groups.Tuple.tuple("R3", 0));
    assertThat(controls.mcsb()).containsExactly(
        new ControlChecks("IM-1", "Central identity", List.of("R1"), 3, 2, 1, 0, 0),
        new ControlChecks("PA-7", "Least privilege", List.of("R1", "R2"), 8, 5, 2, 1, 0));
  }
}
