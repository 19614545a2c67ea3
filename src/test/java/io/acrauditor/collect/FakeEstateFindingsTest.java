package io.acrauditor.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.rules.EvaluationOutcome;
import io.acrauditor.rules.RuleCatalog;
import io.acrauditor.rules.RuleEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in catalogue over the fake estate, end to end: what the fixtures under
 * {@code src/test/resources/fake-azure} describe must raise exactly these findings. The expected
 * set was worked out by hand from the fixtures and the rule conditions, not copied from a run.
 * Evaluated at the snapshot's generatedAt, 2026-11-23T08:00:00Z.
 */
class FakeEstateFindingsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
  private static final String SUB_C_SCOPE = "/subscriptions/" + FakeAzure.SUB_C;

  private static final Set<String> EXPECTED = Set.of(
      // registries-a.json: acrprod adminUserEnabled true
      "ACR-REG-001\tacrprod",
      // registries-a.json: acrprod publicNetworkAccess Enabled, networkRuleSet defaultAction Deny with ipRule 203.0.113.0/24
      "ACR-REG-003\tacrprod",
      // registries-a.json: acrprod azureADAuthenticationAsArmPolicy status enabled
      "ACR-REG-007\tacrprod",
      // registries-a.json: acrprod exportPolicy enabled and publicNetworkAccess Enabled
      "ACR-REG-008\tacrprod",
      // registries-b.json: acrdev anonymousPullEnabled true
      "ACR-REG-004\tacrdev",
      // registries-b.json: acrdev (Basic) leaves out publicNetworkAccess and networkRuleSet, so it holds the
      // service defaults Enabled and Allow (Basic cannot restrict them anyway)
      "ACR-REG-002\tacrdev",
      // registries-b.json: acrdev leaves out policies: azureADAuthenticationAsArmPolicy defaults to enabled
      "ACR-REG-007\tacrdev",
      // registries-b.json: acrdev leaves out policies: exportPolicy defaults to enabled, and public access to Enabled
      "ACR-REG-008\tacrdev",
      // FakeAzure: acrdev diagnosticSettings is empty-list.json (read, but nothing sends login/repository events)
      "ACR-REG-009\tacrdev",
      // tokens-acrprod.json: ci-token enabled, password2 has no expiry
      "ACR-TOK-002\tci-token",
      // tokens-acrprod.json: ci-token password2 created 2024-06-01 (> 90 days ago), no expiry, still valid
      "ACR-TOK-004\tci-token",
      // clusters-a.json + kube-pull-failures.json: kubelet 5b4c...c0be pulls acrdev.azurecr.io with no role on acrdev
      // (roleassignments-b.json gives AcrPull only to ci-pipeline); its AcrPull on acrprod (a1) is not honoured in
      // AbacRepositoryPermissions mode either
      "ACR-AKS-001\taks-prod",
      // roleassignments-a-page1/2.json: the kubelet's AcrPull on acrprod (a1) and ci-pipeline's AcrPush on rg-prod
      // (a2, covering acrprod) are legacy roles, which acrprod in AbacRepositoryPermissions mode does not honour
      "ACR-RBAC-006\t1a2b3c4d-0000-4000-8000-0000000000a1",
      "ACR-RBAC-006\t1a2b3c4d-0000-4000-8000-0000000000a2",
      // tokens-acrprod.json + scopemaps-acrprod-page2.json + registry-activity.json: ci-token is bound to app-pull
      // (content/metadata read only), yet the logs show it pushing 42 times and deleting 3 times
      "ACR-TOK-009\tci-token",
      // kube-pull-failures.json: aks-prod, reason Failed, message "401 Unauthorized" for acrdev.azurecr.io/payments/api
      "ACR-AKS-002\taks-prod",
      // sp-ci-pipeline.json: Application SP, only secret ended 2025-01-31, only certificate ended 2026-02-01;
      // holds AcrPush on rg-prod (roleassignments-a-page2.json) and AcrPull on acrdev (roleassignments-b.json)
      "ACR-SP-001\tci-pipeline",
      // error-authorization-failed.json: subscription C answers 403 to registries, clusters and role assignments
      // (three gaps with the same scope, so three findings behind this one line)
      "ACR-COV-001\t" + SUB_C_SCOPE);

  private FakeAzure fake;
  private HttpClient httpClient;

  @BeforeEach
  void start() {
    fake = new FakeAzure();
    httpClient = FakeAzure.httpClient(Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void theFakeEstateRaisesExactlyTheFindingsItsFixturesDescribe() {
    fake.stubEstate();
    Snapshot snapshot = new AzureCollector(CollectProgress.NONE, CLOCK)
        .collect(fake.options().allSubscriptions(true).build(), fake.credential(httpClient), httpClient);

    InventoryIndex index = InventoryIndex.of(snapshot);
    RuleEngine engine = new RuleEngine(RuleCatalog.load(List.of(), Map.of()));
    List<Finding> findings = new ArrayList<>();
    List<EvaluationError> errors = new ArrayList<>();
    index.subjects().forEach(subject -> {
      EvaluationOutcome outcome = engine.evaluate(subject, index.now());
      findings.addAll(outcome.findings());
      errors.addAll(outcome.errors());
    });

    assertThat(errors).isEmpty();
    Set<String> fired = findings.stream()
        .map(f -> f.ruleId() + "\t" + f.subject().name())
        .collect(Collectors.toSet());
    assertThat(fired).containsExactlyInAnyOrderElementsOf(EXPECTED);
    // ACR-COV-001 fires once per gap of subscription C (list registries, list managed clusters,
    // list role assignments); every other line is one finding.
    assertThat(findings).hasSize(EXPECTED.size() + 2);
    assertThat(findings).filteredOn(f -> f.ruleId().equals("ACR-COV-001"))
        .extracting(f -> f.subject().name())
        .containsExactly(SUB_C_SCOPE, SUB_C_SCOPE, SUB_C_SCOPE);
  }
}
