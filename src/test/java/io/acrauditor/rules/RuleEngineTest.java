package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Fingerprint;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.Token;
import io.acrauditor.inventory.index.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final RuleCatalog CATALOG = Fixtures.loader().load();

  private final RuleEngine engine = new RuleEngine(CATALOG);

  private static Finding only(EvaluationOutcome outcome, String ruleId) {
    List<Finding> matching = outcome.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  @Test
  void aFiringRuleYieldsACompleteFinding() {
    Subject subject = Fixtures.registry(true, "Disabled", null, null);

    EvaluationOutcome outcome = engine.evaluate(subject, NOW);

    assertThat(outcome.errors()).isEmpty();
    Finding finding = only(outcome, "TST-REG-001");
    assertThat(finding.title()).isEqualTo("Registry admin user is enabled");
    assertThat(finding.severity()).isEqualTo(Severity.HIGH);
    assertThat(finding.subject()).isEqualTo(subject.ref());
    assertThat(finding.message()).isEqualTo("Admin user is enabled on acrshared (used from 0 IPs)");
    assertThat(finding.evidence()).containsExactly(Map.entry("adminUserEnabled", true));
    assertThat(finding.remediation().text()).isEqualTo("Disable the admin user on acrshared and move clients to Entra ID identities.");
    assertThat(finding.remediation().commands()).containsExactly(
        "az acr update --name acrshared --resource-group rg-shared --admin-enabled false",
        "echo ${HOME}");
    assertThat(finding.references()).hasSize(3);
    assertThat(finding.fingerprint()).isEqualTo(Fingerprint.of("TST-REG-001", "registry", Fixtures.REGISTRY_ID));
  }

  @Test
  void aPassingRuleYieldsNothing() {
    EvaluationOutcome outcome = engine.evaluate(
        Fixtures.registry(false, "Disabled", new Registry.NetworkRuleSet("Deny", List.of()), null), NOW);

    assertThat(outcome.findings()).isEmpty();
    assertThat(outcome.errors()).isEmpty();
  }

  @Test
  void anAbsentPropertyIsJudgedAtItsServiceDefault() {
    // TST-REG-002 reads networkRuleSet.defaultAction without has(): ARM left the network rule set
    // out, and the service default of its default action is Allow.
    Subject subject = Fixtures.registry(false, "Enabled", null, null);

    EvaluationOutcome outcome = engine.evaluate(subject, NOW);

    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.notAssessed()).isEmpty();
    assertThat(outcome.findings()).extracting(Finding::ruleId).containsExactly("TST-REG-002");
  }

  @Test
  void aRuleReadingWhatCouldNotBeReadIsNotAssessedNeitherPassedNorFailed() {
    Subject read = Fixtures.registry(true, "Enabled", null, null);
    Subject unread = new Subject(read.kind(), read.ref(), read.resource(), read.facts(),
        List.of("adminUserEnabled", "networkRuleSet"));

    EvaluationOutcome outcome = engine.evaluate(unread, NOW);

    assertThat(outcome.findings()).isEmpty();
    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.notAssessed()).containsExactlyInAnyOrder("TST-REG-001", "TST-REG-002");
  }

  @Test
  void severityOverridesApplyFirstMatchAndUseParameters() {
    Subject shared = Fixtures.registry(true, null, null, Fixtures.adminActivity(3));

    Finding critical = only(engine.evaluate(shared, NOW), "TST-REG-001");
    assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(critical.message()).isEqualTo("Admin user is enabled on acrshared (used from 3 IPs)");
    assertThat(critical.evidence()).containsExactly(
        Map.entry("adminUserEnabled", true),
        Map.entry("distinctCallerIps", 3L),
        Map.entry("callerIps", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")));

    RuleEngine tolerant = new RuleEngine(Fixtures.loader().withParameters(Map.of("registry.sharedIpThreshold", "4")).load());
    assertThat(only(tolerant.evaluate(shared, NOW), "TST-REG-001").severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void aRuleIdOverrideWinsOverTheSubjectForm() {
    RuleCatalog catalog = Fixtures.loader()
        .withParameters(Map.of("registry.sharedIpThreshold", "10", "TST-REG-001.sharedIpThreshold", "3"))
        .load();

    assertThat(catalog.rule("TST-REG-001").orElseThrow().parameters()).containsEntry("sharedIpThreshold", 3L);
    Finding finding = only(new RuleEngine(catalog).evaluate(Fixtures.registry(true, null, null, Fixtures.adminActivity(3)), NOW), "TST-REG-001");
    assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void integersReachCelAsLongAndNullsAreAbsent() {
    Map<String, Object> value = CelValues.subjectValue(Fixtures.registry(true, null, null, Fixtures.adminActivity(2)));

    assertThat(value).doesNotContainKeys("publicNetworkAccess", "networkRuleSet", "anonymousPullEnabled", "policies");
    assertThat(value).containsEntry("adminUserEnabled", true).containsEntry("name", "acrshared").containsEntry("activityKnown", true);
    @SuppressWarnings("unchecked")
    Map<String, Object> activity = (Map<String, Object>) value.get("adminActivity");
    assertThat(activity.get("distinctCallerIps")).isInstanceOf(Long.class).isEqualTo(2L);
    assertThat(activity.get("pulls")).isInstanceOf(Long.class);
    assertThat(CelValues.fromPlain(Map.of("days", 7, "ratio", 1.5f))).isEqualTo(Map.of("days", 7L, "ratio", 1.5d));
  }

  @Test
  void daysUntilCountsFromTheSnapshotInstantNotTheWallClock() {
    Subject token = Fixtures.token("enabled", List.of(new Token.Password("password1", "2025-12-01T00:00:00Z", "2026-01-11T00:00:00Z")));

    Finding atSnapshot = only(engine.evaluate(token, NOW), "TST-TOK-001");
    assertThat(atSnapshot.message()).isEqualTo("Token client-a has a password expiring in 10 days");
    assertThat(atSnapshot.evidence()).containsEntry("daysLeft", List.of(10L)).containsEntry("expiries", List.of("2026-01-11T00:00:00Z"));
    assertThat(atSnapshot.remediation().commands())
        .containsExactly("az acr token credential generate --name client-a --registry acrshared --password1 --expiration-in-days 90");

    // Two months earlier the same password is not expiring soon; a year later it has expired.
    assertThat(engine.evaluate(token, Instant.parse("2025-11-01T00:00:00Z")).findings()).extracting(Finding::ruleId)
        .doesNotContain("TST-TOK-001");
    assertThat(engine.evaluate(token, Instant.parse("2027-01-01T00:00:00Z")).findings()).extracting(Finding::ruleId)
        .doesNotContain("TST-TOK-001");
  }

  @Test
  void daysSinceCountsWholeDaysFromTheSnapshotInstant() {
    Subject token = Fixtures.token("enabled", List.of(new Token.Password("password1", "2025-10-01T00:00:00Z", null)));

    // 2025-10-01 + 90 days = 2025-12-30: older than 90 whole days only from 2025-12-31.
    assertThat(engine.evaluate(token, Instant.parse("2025-12-30T23:59:59Z")).findings()).extracting(Finding::ruleId)
        .doesNotContain("TST-TOK-002");
    Finding old = only(engine.evaluate(token, Instant.parse("2025-12-31T00:00:00Z")), "TST-TOK-002");
    assertThat(old.evidence()).containsExactly(
        Map.entry("evaluatedAt", "2025-12-31T00:00:00Z"), Map.entry("afterEpoch", true));
  }

  @Test
  void wholeDaysRoundDown() {
    Instant now = Instant.parse("2026-01-01T12:00:00Z");
    assertThat(EvaluationTime.wholeDays(now, Instant.parse("2026-01-03T00:00:00Z"))).isEqualTo(1);
    assertThat(EvaluationTime.wholeDays(now, Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(-1);
    assertThat(EvaluationTime.wholeDays(Instant.parse("2025-12-31T00:00:00Z"), now)).isEqualTo(1);
    assertThat(EvaluationTime.parse("2026-01-02")).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    assertThat(EvaluationTime.parse("2026-01-02T01:00:00+01:00")).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    assertThat(EvaluationTime.parse("2026-01-02T00:00:00.1234567Z")).isEqualTo(Instant.parse("2026-01-02T00:00:00.1234567Z"));
  }

  @Test
  void aMalformedDateIsAnEvaluationErrorForThatSubject() {
    Subject token = Fixtures.token("enabled", List.of(new Token.Password("password1", "last tuesday", "soon")));

    EvaluationOutcome outcome = engine.evaluate(token, NOW);

    assertThat(outcome.findings()).isEmpty();
    assertThat(outcome.errors()).extracting(EvaluationError::ruleId).containsExactly("TST-TOK-001", "TST-TOK-002");
    assertThat(outcome.errors()).allSatisfy(e -> assertThat(e.message()).contains("is not an ISO-8601 timestamp"));
  }

  @Test
  void theSameSubjectAndInstantAlwaysGiveTheSameFindings() {
    Subject subject = Fixtures.registry(true, "Enabled", new Registry.NetworkRuleSet("Allow", List.of()), Fixtures.adminActivity(3));

    EvaluationOutcome first = engine.evaluate(subject, NOW);
    EvaluationOutcome second = new RuleEngine(Fixtures.loader().load()).evaluate(subject, NOW);

    assertThat(first.findings()).extracting(Finding::ruleId).containsExactly("TST-REG-001", "TST-REG-002");
    assertThat(second).isEqualTo(first);
    assertThat(second.findings()).extracting(Finding::fingerprint).doesNotHaveDuplicates()
        .containsExactlyElementsOf(first.findings().stream().map(Finding::fingerprint).toList());
  }

  @Test
  void subjectsOfAKindWithoutRulesYieldNothing() {
    Subject token = Fixtures.token("disabled", List.of());
    RuleEngine registryOnly = new RuleEngine(RuleLoader.noBuiltIns().withDirectories(List.of(Fixtures.dir("override"))).load());

    assertThat(registryOnly.evaluate(token, NOW)).isEqualTo(EvaluationOutcome.EMPTY);
  }

  @Test
  void theEngineIsSafeToShareBetweenThreads() throws Exception {
    Subject subject = Fixtures.registry(true, null, null, Fixtures.adminActivity(3));
    EvaluationOutcome expected = engine.evaluate(subject, NOW);
    List<java.util.concurrent.Callable<EvaluationOutcome>> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Instant now = i % 2 == 0 ? NOW : NOW.plusSeconds(1);
      tasks.add(() -> engine.evaluate(subject, now));
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      for (var future : pool.invokeAll(tasks)) {
        assertThat(future.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
