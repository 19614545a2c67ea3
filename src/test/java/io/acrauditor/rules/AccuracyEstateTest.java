package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.Finding;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotReader;
import io.acrauditor.inventory.index.AccessPath;
import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.inventory.index.RegistryAccessPaths;
import io.acrauditor.inventory.index.Subject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in catalogue over the accuracy estate ({@code src/test/resources/accuracy}, told in
 * docs/accuracy-estate.md): absent properties on resources that were read hold their service
 * default, and what could not be read is not assessed. Both lists were written from the story
 * before the auditor was run over it, and must match exactly (as multisets: one line per finding).
 */
class AccuracyEstateTest {
  private static final List<String> FINDINGS = new ArrayList<>();
  private static final List<String> NOT_ASSESSED = new ArrayList<>();
  private static InventoryIndex index;

  @BeforeAll
  static void audit() throws Exception {
    index = InventoryIndex.read(resource("estate.json"), "estate.json");
    RuleEngine engine = new RuleEngine(RuleLoader.builtIn().load());
    try (var subjects = index.subjects()) {
      subjects.forEach(subject -> record(subject, engine.evaluate(subject, index.now())));
    }
  }

  private static void record(Subject subject, EvaluationOutcome outcome) {
    assertThat(outcome.errors()).as("evaluation errors on %s", subject.ref().name()).isEmpty();
    for (Finding finding : outcome.findings()) {
      FINDINGS.add(finding.ruleId() + "\t" + subject.ref().name());
    }
    for (String rule : outcome.notAssessed()) {
      NOT_ASSESSED.add(rule + "\t" + subject.ref().name());
    }
  }

  @Test
  void raisesExactlyTheFindingsTheStoryPredicts() throws IOException {
    assertThat(FINDINGS).containsExactlyInAnyOrderElementsOf(lines("expected-findings.tsv"));
  }

  @Test
  void assessesNothingItCouldNotRead() throws IOException {
    assertThat(NOT_ASSESSED).containsExactlyInAnyOrderElementsOf(lines("expected-not-assessed.tsv"));
  }

  @Test
  void showsWhoIsBehindAGroupInTheAccessMatrix() {
    RegistryAccessPaths matrix = index.accessMatrix();
    List<String> acrdefaults = new ArrayList<>();
    for (int i = 0; i < matrix.registryCount(); i++) {
      for (AccessPath p : matrix.paths(i)) {
        if ("acrdefaults".equals(p.registryName()) && "rbac".equals(p.path())) {
          acrdefaults.add(p.identity() + " via " + p.viaGroup() + " kubelet of " + p.kubeletOf());
        }
      }
    }
    // The nested group itself is no identity that pulls: only who is inside it.
    assertThat(acrdefaults).containsExactlyInAnyOrder(
        "aks-defaults-agentpool via null kubelet of [aks-defaults]",
        "grp-acr-pullers via null kubelet of []",
        "aks-grouped-agentpool via grp-acr-pullers kubelet of [aks-grouped]",
        "sp-deployer via null kubelet of []");
  }

  @Test
  void listsManagementGroupAssignmentsAsMayCoverWhenTheTreeIsUnknown() throws Exception {
    Snapshot read = new SnapshotReader().read(resource("estate.json"));
    List<Coverage.AuditedSubscription> blind = read.coverage().subscriptions().stream()
        .map(s -> s.withManagementGroupAncestors(null)).toList();
    Snapshot treeUnknown = new Snapshot(read.schemaVersion(), read.generatedAt(), read.tenantId(), read.source(),
        read.registries(), read.clusters(), read.roleAssignments(), read.roleDefinitions(), read.principals(),
        read.registryActivity(), read.clusterPullFailures(),
        new Coverage(blind, read.coverage().logWindow(), read.coverage().workspaces(), read.coverage().gaps()));
    List<String> rows = new ArrayList<>();
    RegistryAccessPaths matrix = InventoryIndex.of(treeUnknown).accessMatrix();
    for (int i = 0; i < matrix.registryCount(); i++) {
      for (AccessPath p : matrix.paths(i)) {
        if (p.identity().equals("sp-deployer")) {
          rows.add(p.registryName() + " " + p.path() + " " + p.scope().substring(p.scope().lastIndexOf('/') + 1));
        }
      }
    }
    // Both Owner assignments (mg-platform, mg-workloads) may cover every registry; none covers one. Owner
    // carries no data actions, which acrabac in ABAC mode needs for a pull: no row there.
    assertThat(rows).containsExactlyInAnyOrder(
        "acrdefaults may-cover mg-platform", "acrdefaults may-cover mg-workloads",
        "acrunread may-cover mg-platform", "acrunread may-cover mg-workloads");
  }

  private static List<String> lines(String name) throws IOException {
    return Files.readAllLines(resource(name)).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .toList();
  }

  private static Path resource(String name) {
    try {
      return Path.of(AccuracyEstateTest.class.getResource("/accuracy/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
