package io.acrauditor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Fingerprint;
import io.acrauditor.findings.Reference;
import io.acrauditor.findings.Remediation;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.index.AccessPath;
import io.acrauditor.inventory.index.RegistryAccessPaths;
import io.acrauditor.inventory.index.SubjectRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation and the access matrix wait in the run folder between steps; they must come back as they went. */
class RunStateFilesTest {
  @TempDir Path dir;

  private static Finding finding(String name, long pulls) {
    String id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/" + name;
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("adminPulls", pulls);
    evidence.put("adminCallerIps", List.of("203.0.113.24", "198.51.100.7"));
    evidence.put("adminUserEnabled", true);
    return new Finding("ACR-REG-001", "Registry admin user is enabled", Severity.CRITICAL,
        new SubjectRef(id, name, "registry", "s", "g", "t"),
        "Admin user is enabled on " + name + " (\"quoted\", ünïcode)", evidence,
        new Remediation("Disable it.", List.of("az acr update --name " + name + " --admin-enabled false")),
        List.of(new Reference("guidance", null, "Admin account", "https://learn.microsoft.com/azure/container-registry/container-registry-authentication")),
        Fingerprint.of("ACR-REG-001", "registry", id));
  }

  @Test
  void findingsComeBackEqualAndInOrderAcrossChunks() {
    Path file = dir.resolve(".state/findings.jsonl");
    List<Finding> first = List.of(finding("a", 3), finding("b", 5_000_000_000L));
    List<Finding> second = List.of(finding("c", 0));
    try (FindingsFile out = FindingsFile.create(file)) {
      out.append(first);
      out.append(List.of());
      out.append(second);
      assertThat(out.count()).isEqualTo(3);
    }
    List<Finding> back = FindingsFile.read(file, 3);
    assertThat(back).containsExactly(first.get(0), first.get(1), second.get(0));
    assertThat(back.get(0).evidence().get("adminPulls")).isInstanceOf(Long.class);
  }

  @Test
  void aFindingsFileThatDoesNotHoldWhatWasCountedIsRefused() {
    Path file = dir.resolve("findings.jsonl");
    try (FindingsFile out = FindingsFile.create(file)) {
      out.append(List.of(finding("a", 1)));
    }
    assertThatThrownBy(() -> FindingsFile.read(file, 2))
        .hasMessageContaining("kept 2 findings").hasMessageContaining("but 1 are there");
  }

  @Test
  void creatingStartsAfresh() {
    Path file = dir.resolve("findings.jsonl");
    try (FindingsFile out = FindingsFile.create(file)) {
      out.append(List.of(finding("old", 1)));
    }
    try (FindingsFile out = FindingsFile.create(file)) {
      out.append(List.of(finding("new", 1)));
    }
    assertThat(FindingsFile.read(file, 1)).extracting(f -> f.subject().name()).containsExactly("new");
  }

  private static AccessPath path(String registry, String identity, boolean beyondPull) {
    return new AccessPath("/subscriptions/s/x/registries/" + registry, registry, identity, identity + "-id",
        "ServicePrincipal", "rbac", beyondPull ? "AcrPush" : "AcrPull", "/subscriptions/s", "subscription",
        beyondPull, identity.equals("seen") ? "2026-11-23T01:00:00Z" : null);
  }

  @Test
  void theAccessMatrixComesBackRegistryByRegistryInAnyOrderOfAsking() throws IOException {
    List<List<AccessPath>> registries = List.of(
        List.of(path("r0", "a", false), path("r0", "seen", true)),
        List.of(),
        List.of(path("r2", "ü \"quoted\"", false)));
    RegistryAccessPaths source = new RegistryAccessPaths() {
      @Override
      public int registryCount() {
        return registries.size();
      }

      @Override
      public List<AccessPath> paths(int registry) {
        return registries.get(registry);
      }
    };
    Path file = dir.resolve(".state/access-matrix.jsonl");
    AccessMatrixFile written = AccessMatrixFile.write(file, source);

    assertThat(Files.readAllLines(file)).hasSize(3);
    assertThat(written.registryCount()).isEqualTo(3);
    assertThat(written.paths(2)).isEqualTo(registries.get(2));
    assertThat(written.paths(1)).isEmpty();
    assertThat(written.paths(0)).isEqualTo(registries.get(0));
    assertThat(written.stream()).containsExactlyElementsOf(registries.stream().flatMap(List::stream).toList());
  }

  @Test
  void checksPerRuleWaitInTheRunStateForARestartOfTheReport() {
    try (FindingsFile out = FindingsFile.create(RunState.findings(dir))) {
      out.append(List.of(finding("a", 1)));
    }
    List<io.acrauditor.findings.RuleChecks> checks = List.of(
        new io.acrauditor.findings.RuleChecks("ACR-REG-001", 3, 1, 1, 1, 0),
        new io.acrauditor.findings.RuleChecks("ACR-TOK-001", 5, 5, 0, 0, 0));
    RunState.saveEvaluation(dir, new RunState.EvaluationSummary(List.of(), 8, 1, checks));
    // A new process reads it back: nothing of the evaluate step is in memory any more.
    RunState.Evaluation back = RunState.loadEvaluation(dir);
    assertThat(back.checks()).isEqualTo(checks);
    assertThat(back.subjects()).isEqualTo(8);
  }
}
