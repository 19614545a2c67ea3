package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.index.SubjectKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleLoaderTest {

  @Test
  void loadsTheClasspathCatalogueSortedById() {
    RuleCatalog catalog = Fixtures.loader().load();

    assertThat(catalog.rules()).extracting(CompiledRule::id)
        .containsExactly("TST-REG-001", "TST-REG-002", "TST-TOK-001", "TST-TOK-002");
    assertThat(catalog.rulesFor(SubjectKind.TOKEN)).extracting(CompiledRule::id).containsExactly("TST-TOK-001", "TST-TOK-002");
    assertThat(catalog.rulesFor(SubjectKind.CLUSTER)).isEmpty();
    assertThat(catalog.rule("TST-REG-001").orElseThrow().definition().file())
        .isEqualTo("rules-fixtures/builtin/registry/TST-REG-001.yaml (built-in)");
  }

  @Test
  void aDirectoryOverridesABuiltInRuleWithTheSameIdAndAddsNewOnes() {
    RuleCatalog builtIn = Fixtures.loader().load();
    RuleCatalog catalog = Fixtures.loader().withDirectories(List.of(Fixtures.dir("override"))).load();

    assertThat(catalog.rules()).extracting(CompiledRule::id)
        .containsExactly("TST-REG-001", "TST-REG-002", "TST-REG-900", "TST-TOK-001", "TST-TOK-002");
    CompiledRule overridden = catalog.rule("TST-REG-001").orElseThrow();
    assertThat(overridden.title()).isEqualTo("Admin user enabled (local policy)");
    assertThat(overridden.severity()).isEqualTo(Severity.LOW);
    assertThat(overridden.definition().builtIn()).isFalse();
    assertThat(overridden.definition().file()).endsWith("TST-REG-001.yaml").doesNotContain("built-in");
    assertThat(catalog.digest()).hasSize(64).isNotEqualTo(builtIn.digest());
  }

  @Test
  void theDigestIsStableForTheSameFiles() {
    assertThat(Fixtures.loader().load().digest()).isEqualTo(Fixtures.loader().load().digest());
  }

  @Test
  void appliedRulesCarryTheEffectiveParameters() {
    RuleCatalog catalog = Fixtures.loader().withParameters(Map.of("TST-REG-001.sharedIpThreshold", "5")).load();

    AppliedRule applied = catalog.appliedRules().get(0);
    assertThat(applied.id()).isEqualTo("TST-REG-001");
    assertThat(applied.subject()).isEqualTo("registry");
    assertThat(applied.severity()).isEqualTo(Severity.HIGH);
    assertThat(applied.parameters()).containsExactly(Map.entry("sharedIpThreshold", 5L));
    assertThat(applied.references()).extracting(r -> r.kind()).containsExactly("guidance", "mcsb", "azure-policy");
  }

  @Test
  void explainShowsEverythingAReviewerNeeds() {
    String text = Fixtures.loader().withParameters(Map.of("registry.sharedIpThreshold", "3")).load().explain("TST-REG-001");

    assertThat(text)
        .contains("TST-REG-001  Registry admin user is enabled")
        .contains("Severity: high")
        .contains("Subject:  registry")
        .contains("has(registry.adminUserEnabled) && registry.adminUserEnabled")
        .contains("critical when has(registry.adminActivity)")
        .contains("sharedIpThreshold = 3 (default 2)")
        .contains("The admin user is one shared credential")
        .contains("$ az acr update --name ${registry.name}")
        .contains("[mcsb] IM-1 Use centralized identity")
        .contains("[azure-policy] dc921057-6b28-4fbe-9b83-f7bec05db6c2")
        .contains("fire  admin enabled fires")
        .contains("pass  admin disabled passes");
  }

  @Test
  void parameterDefaultsAreTypedLikeCel() {
    CompiledRule rule = Fixtures.loader().load().rule("TST-TOK-002").orElseThrow();

    assertThat(rule.parameters().get("maxAgeDays")).isInstanceOf(Long.class).isEqualTo(90L);
    assertThat(rule.parameters().get("ratio")).isInstanceOf(Double.class).isEqualTo(1.5);
    assertThat(rule.parameters().get("strict")).isEqualTo(false);
  }

  @Test
  void evidenceLabelsAndDisruptiveCommandsAreReadAndOptional() {
    RuleDefinition aks = RuleLoader.builtIn().load().rule("ACR-AKS-003").orElseThrow().definition();
    assertThat(aks.evidenceLabels()).containsEntry("disableLocalAccounts", "Local accounts disabled");
    assertThat(aks.remediation().commands()).hasSize(2).last().asString().startsWith("az aks rotate-certs");
    assertThat(aks.commandNotes()).hasSize(2);
    assertThat(aks.commandNotes().get(1)).contains("rotates every cluster certificate");
    // A rule written without labels or notes (the older format) loads as before.
    RuleDefinition plain = Fixtures.loader().load().rule("TST-REG-001").orElseThrow().definition();
    assertThat(plain.evidenceLabels()).isEmpty();
    assertThat(plain.commandNotes()).hasSameSizeAs(plain.remediation().commands()).containsOnlyNulls();
  }
}
