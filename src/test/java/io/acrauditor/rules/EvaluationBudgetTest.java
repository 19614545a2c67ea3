package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cel.runtime.CelRuntime;
import io.acrauditor.findings.Finding;
import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.index.SubjectKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rule whose CEL loops over a product of lists must cost one evaluation error on the subject
 * where it runs out of budget, not the audit: the other rules and subjects still complete.
 */
class EvaluationBudgetTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  @Timeout(30)
  void aLoopingRuleIsAnEvaluationErrorOnThatSubjectAndTheOtherRulesStillRun() {
    RuleCatalog catalog = Fixtures.loader().withDirectories(List.of(Fixtures.dir("looping"))).load();
    EvaluationOutcome outcome = new RuleEngine(catalog).evaluate(
        Fixtures.registry(true, "Enabled", new Registry.NetworkRuleSet("Allow", List.of()), null), NOW);
    assertThat(outcome.errors()).singleElement().satisfies(error -> {
      assertThat(error.ruleId()).isEqualTo("LOOP-001");
      assertThat(error.message())
          .isEqualTo("condition: evaluation stopped after 100000 loop iterations, the limit of one expression");
    });
    assertThat(outcome.findings()).extracting(Finding::ruleId).contains("TST-REG-001");
  }

  @Test
  @Timeout(30)
  void aRuleWhoseSelfTestLoopsFailsTheLoadNamingTheFile() {
    Path dir = Fixtures.dir("broken/looping-self-test");
    Throwable thrown = catchThrowable(() -> RuleLoader.noBuiltIns().withDirectories(List.of(dir)).load());
    assertThat(thrown).isInstanceOf(RuleLoadException.class)
        .hasMessageContaining(dir.resolve("BRK-001.yaml").toString())
        .hasMessageContaining("test 'fires' failed: expected fire, got an evaluation error: condition: "
            + "evaluation stopped after 100000 loop iterations");
    assertThat(thrown.getMessage()).doesNotContain("\n");
  }

  @Test
  @Timeout(30)
  void workThatIteratesLittleButTakesLongStopsAtTheTimeLimit() {
    // 300 x 300 steps stay under the iteration bound; a 1 ms budget cannot hold them.
    CelRuntime.Program program = RuleCel.get().compile(SubjectKind.REGISTRY, Shape.ofParameters(Set.of()), "condition",
        "registry.tokens.all(a, registry.tokens.all(b, a.name + b.name != 'x'))", RuleCel.Result.BOOL);
    List<Object> tokens = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      tokens.add(Map.of("name", "t" + i));
    }
    EvaluationTime time = EvaluationTime.of(NOW);
    Optional<Object> subject = Optional.of(Map.of("tokens", tokens));

    RuleEvaluation.Result stopped = RuleEvaluation.run(program, new RuleEvaluation.Vars("registry", subject,
        Optional.of(Map.of()), time.celNow(), EvaluationBudget.start(Duration.ofMillis(1))), time);
    assertThat(stopped.error()).isEqualTo("evaluation stopped after 1 ms, the time limit of a rule on one subject");

    RuleEvaluation.Result completed = RuleEvaluation.run(program,
        new RuleEvaluation.Vars("registry", subject, Optional.of(Map.of()), time.celNow()), time);
    assertThat(completed.error()).isNull();
    assertThat(completed.value()).isEqualTo(true);
  }
}
