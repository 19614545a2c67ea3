package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfTestsTest {

  @Test
  void reportsEveryInlineTestOfEveryRule() {
    SelfTestReport report = SelfTests.run(Fixtures.loader().load());

    assertThat(report.allPassed()).isTrue();
    assertThat(report.passed()).isEqualTo(18);
    assertThat(report.results()).extracting(SelfTestResult::ruleId).startsWith("TST-REG-001").endsWith("TST-TOK-002");
  }

  @Test
  void aFailingTestIsReportedWithExpectedAndActual() {
    RuleCatalog catalog = RuleLoader.noBuiltIns().withDirectories(List.of(Fixtures.dir("broken/failing-test"))).loadWithoutSelfTests();

    SelfTestReport report = SelfTests.run(catalog);

    assertThat(report.passed()).isEqualTo(3);
    assertThat(report.failed()).isEqualTo(1);
    SelfTestResult failure = report.firstFailure().orElseThrow();
    assertThat(failure.ruleId()).isEqualTo("BRK-001");
    assertThat(failure.test()).isEqualTo("wrongly expects fire");
    assertThat(failure.detail()).isEqualTo("expected fire, got pass");
    assertThat(failure.file()).endsWith("failing-test/BRK-001.yaml");
  }

  @Test
  void selfTestsIgnoreTheRunsParameterOverrides() {
    // With the override the "shared admin is critical" test would see high; tests keep the declared defaults.
    RuleCatalog catalog = Fixtures.loader().withParameters(Map.of("registry.sharedIpThreshold", "10")).load();

    assertThat(SelfTests.run(catalog).allPassed()).isTrue();
  }
}
