package io.acrauditor.inventory.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotJson;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InventoryIndexTest {
  private Snapshot snapshot;
  private InventoryIndex index;

  @BeforeEach
  void load() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/index/estate.json")) {
      snapshot = SnapshotJson.mapper().readValue(in, Snapshot.class);
    }
    index = InventoryIndex.of(snapshot);
  }

  private Map<String, Subject> byName(SubjectKind kind) {
    return index.subjects(kind).collect(Collectors.toMap(s -> s.ref().name(), Function.identity()));
  }

  private RoleAssignmentFacts assignment(String name) {
    return (RoleAssignmentFacts) byName(SubjectKind.ROLE_ASSIGNMENT).get(name).facts();
  }

  @Test
  void nowIsTheSnapshotTimeNotTheWallClock() {
    assertThat(index.now()).isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
  }

  @Nested
  class RoleAssignments {
    @Test
    void acrPullAtRegistryScopeGrantsPullOnly() {
      RoleAssignmentFacts facts = assignment("ra-pull-kubelet");
      assertThat(facts.scopeLevel()).isEqualTo("registry");
      assertThat(facts.role().roleName()).isEqualTo("AcrPull");
      assertThat(facts.role().known()).isTrue();
      assertThat(facts.role().grants()).isEqualTo(new Grants(true, false, false, false, false, false, false));
      assertThat(facts.registries()).extracting(CoveredRegistry::name).containsExactly("legacyacr");
    }

    @Test
    void contributorOnTheResourceGroupCoversBothRegistriesAndGrantsMoreThanPull() {
      RoleAssignmentFacts facts = assignment("ra-contrib-rg");
      assertThat(facts.scopeLevel()).isEqualTo("resourceGroup");
      assertThat(facts.registries()).extracting(CoveredRegistry::name).containsExactly("legacyacr", "abacacr");
      Grants g = facts.role().grants();
      // Contributor's NotActions remove Microsoft.Authorization/*/Write: no role assignments.
      assertThat(g.pull()).isTrue();
      assertThat(g.push()).isTrue();
      assertThat(g.manage()).isTrue();
      assertThat(g.readCredentials()).isTrue();
      assertThat(g.assignRoles()).isFalse();
      assertThat(g.beyondPull()).isTrue();
      // Each covered registry is judged in its own mode: Contributor has no data actions, so it
      // pulls from the legacy registry and not from the ABAC one.
      assertThat(facts.registries()).extracting(r -> r.name() + " pull=" + r.grants().pull())
          .containsExactly("legacyacr pull=true", "abacacr pull=false");
    }

    @Test
    void ownerAtManagementGroupCoversEveryRegistryAndMayAssignRoles() {
      RoleAssignmentFacts facts = assignment("ra-owner-mg");
      assertThat(facts.scopeLevel()).isEqualTo("managementGroup");
      assertThat(facts.registries()).hasSize(3);
      assertThat(facts.role().grants().assignRoles()).isTrue();
    }

    @Test
    void acrPullIsNotHonouredOnAnAbacRegistry() {
      Grants g = assignment("ra-acrpull-abac").role().grants();
      assertThat(g.pull()).isFalse();
      assertThat(g.beyondPull()).isFalse();
    }

    @Test
    void repositoryReaderWithAConditionIsRepositoryScoped() {
      RoleAssignmentFacts facts = assignment("ra-repo-reader-abac");
      assertThat(facts.scopeLevel()).isEqualTo("repository");
      assertThat(facts.role().grants().pull()).isTrue();
      assertThat(facts.role().grants().repositoryScoped()).isTrue();
    }

    @Test
    void customRoleWildcardsAndNotActionsAreApplied() {
      RoleAssignmentFacts facts = assignment("ra-custom-sub");
      assertThat(facts.scopeLevel()).isEqualTo("subscription");
      assertThat(facts.registries()).extracting(CoveredRegistry::name).containsExactly("otheracr");
      Grants g = facts.role().grants();
      assertThat(g.pull()).isTrue();
      assertThat(g.push()).as("push/write is in notActions").isFalse();
      assertThat(g.delete()).isTrue();
      assertThat(g.manage()).isTrue();
    }

    @Test
    void assignmentsThatCoverNoRegistryAreNotSubjects() {
      assertThat(byName(SubjectKind.ROLE_ASSIGNMENT)).doesNotContainKey("ra-vm-scope");
    }

    @Test
    void principalExistenceIsKnownOnlyWhenTheDirectoryWasRead() {
      assertThat(assignment("ra-owner-mg").principal().exists()).isFalse();
      assertThat(assignment("ra-pull-kubelet").principal().exists()).isTrue();

      List<Coverage.Gap> gaps = new ArrayList<>(snapshot.coverage().gaps());
      gaps.add(new Coverage.Gap("graph", "graph", "read principals", 403, "Authorization_RequestDenied", "denied"));
      Snapshot noGraph = withGaps(gaps);
      RoleAssignmentFacts facts = (RoleAssignmentFacts) InventoryIndex.of(noGraph).subjects(SubjectKind.ROLE_ASSIGNMENT)
          .filter(s -> s.ref().name().equals("ra-owner-mg")).findFirst().orElseThrow().facts();
      assertThat(facts.principal().exists()).isNull();
    }

    @Test
    void aKubeletIdentityIsPullOnlyAndSoIsAnIdentitySeenOnlyPulling() {
      assertThat(assignment("ra-pull-kubelet").principal().pullOnly()).isTrue();
      assertThat(assignment("ra-pull-kubelet").principal().kubeletOf()).containsExactly("aks-a");
      PrincipalRef uami = assignment("ra-contrib-rg").principal();
      assertThat(uami.kubeletOf()).isEmpty();
      assertThat(uami.activity().pulls()).isEqualTo(15);
      assertThat(uami.activity().lastSeen()).isEqualTo("2026-11-21T09:00:00Z");
      assertThat(uami.pullOnly()).isTrue();
    }
  }

  @Nested
  class Registries {
    @Test
    void adminActivityIsCountedCaseInsensitivelyWhenLogsWereRead() {
      RegistryFacts facts = (RegistryFacts) byName(SubjectKind.REGISTRY).get("legacyacr").facts();
      assertThat(facts.activityKnown()).isTrue();
      assertThat(facts.logsLoginEvents()).isTrue();
      assertThat(facts.logsRepositoryEvents()).isTrue();
      assertThat(facts.adminActivity().distinctCallerIps()).isEqualTo(3);
      assertThat(facts.hasApprovedPrivateEndpoint()).isFalse();
    }

    @Test
    void aRegistryWithoutDiagnosticsHasUnknownActivity() {
      RegistryFacts facts = (RegistryFacts) byName(SubjectKind.REGISTRY).get("abacacr").facts();
      assertThat(facts.activityKnown()).isFalse();
      assertThat(facts.adminActivity()).isNull();
      assertThat(facts.hasApprovedPrivateEndpoint()).isTrue();
    }

    @Test
    void aWorkspaceThatCouldNotBeReadMakesActivityUnknown() {
      List<Coverage.Gap> gaps = List.of(new Coverage.Gap(
          "/subscriptions/aaaa/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/LAW",
          "workspace", "query registry events", 403, "InsufficientAccessError", "denied"));
      RegistryFacts facts = (RegistryFacts) InventoryIndex.of(withGaps(gaps)).subjects(SubjectKind.REGISTRY)
          .findFirst().orElseThrow().facts();
      assertThat(facts.activityKnown()).isFalse();
      assertThat(facts.adminActivity()).isNull();
    }

    @Test
    void theAccessMatrixListsEveryPullPath() {
      List<String> rows = index.accessMatrix().stream()
          .map(p -> p.registryName() + " " + p.path() + " " + p.identity() + " " + p.scopeLevel() + " " + p.beyondPull())
          .toList();
      assertThat(rows).containsExactly(
          "legacyacr rbac aks-a-agentpool registry false",
          "legacyacr rbac client-d-puller resourceGroup true",
          "legacyacr rbac deleted-one managementGroup true",
          "legacyacr token ci-token registry true",
          "legacyacr token client-a registry false",
          "legacyacr admin-user legacyacr (admin user) registry true",
          "abacacr abac-repository client-b repository false",
          "otheracr rbac deleted-one managementGroup true",
          "otheracr rbac client-b subscription true");
    }

    @Test
    void lastSeenComesFromTheLogs() {
      AccessPath kubelet = index.accessMatrix().stream().findFirst().orElseThrow();
      assertThat(kubelet.lastSeen()).isEqualTo("2026-11-23T01:00:00Z");
    }
  }

  @Nested
  class Tokens {
    @Test
    void aSystemScopeMapIsKnownByNameEvenWhenNotListed() {
      TokenFacts facts = (TokenFacts) byName(SubjectKind.TOKEN).get("ci-token").facts();
      assertThat(facts.scopeMap().name()).isEqualTo("_repositories_admin");
      assertThat(facts.grantsWrite()).isTrue();
      assertThat(facts.grantsDelete()).isTrue();
      assertThat(facts.wildcardRepositories()).isTrue();
      assertThat(facts.activity()).isNotNull();
      assertThat(facts.activity().pulls()).isZero();
    }

    @Test
    void aUserScopeMapIsReadFromTheRegistry() {
      TokenFacts facts = (TokenFacts) byName(SubjectKind.TOKEN).get("client-a").facts();
      assertThat(facts.grantsWrite()).isFalse();
      assertThat(facts.grantsDelete()).isFalse();
      assertThat(facts.wildcardRepositories()).isFalse();
      assertThat(facts.registry().name()).isEqualTo("legacyacr");
    }
  }

  @Nested
  class Clusters {
    @Test
    void aServicePrincipalClusterFailingWithUnauthorizedHasNoPullRole() {
      ClusterFacts facts = (ClusterFacts) byName(SubjectKind.CLUSTER).get("aks-sp").facts();
      assertThat(facts.usesServicePrincipal()).isTrue();
      assertThat(facts.pullIdentityId()).isEqualTo("aks-sp-object");
      assertThat(facts.registriesPulled()).singleElement().satisfies(r -> {
        assertThat(r.registryName()).isEqualTo("legacyacr");
        assertThat(r.identityCanPull()).isFalse();
        assertThat(r.seenIn()).containsExactly("pullFailures");
      });
      // "manifest unknown" is not an authorization failure; the MCR pause image is not ours but is one.
      assertThat(facts.authPullFailures()).extracting(ClusterFacts.PullFailureFact::image)
          .containsExactly("legacyacr.azurecr.io/client-d/shop:1.4", "mcr.microsoft.com/oss/kubernetes/pause:3.9");
      assertThat(facts.authPullFailures().get(0).registryName()).isEqualTo("legacyacr");
      assertThat(facts.authPullFailures().get(1).registryName()).isNull();
    }

    @Test
    void aKubeletSeenPullingARegistryItMayPullFrom() {
      ClusterFacts facts = (ClusterFacts) byName(SubjectKind.CLUSTER).get("aks-a").facts();
      assertThat(facts.usesServicePrincipal()).isFalse();
      assertThat(facts.registriesPulled()).singleElement().satisfies(r -> {
        assertThat(r.identityCanPull()).isTrue();
        assertThat(r.seenIn()).containsExactly("activity");
      });
      assertThat(facts.authPullFailures()).isEmpty();
    }
  }

  @Nested
  class Principals {
    @Test
    void registryRolesAndHomeTenant() {
      PrincipalFacts clientB = (PrincipalFacts) byName(SubjectKind.PRINCIPAL).get("client-b").facts();
      assertThat(clientB.homeTenantIsOther()).isTrue();
      assertThat(clientB.registryRoles()).extracting(PrincipalFacts.RegistryRole::registryName)
          .containsExactly("abacacr", "otheracr");
      PrincipalFacts aksSp = (PrincipalFacts) byName(SubjectKind.PRINCIPAL).get("aks-sp-principal").facts();
      assertThat(aksSp.homeTenantIsOther()).isFalse();
      assertThat(aksSp.registryRoles()).isEmpty();
    }
  }

  @Test
  void coverageGapsAreSubjectsWithDistinctIds() {
    assertThat(index.subjects(SubjectKind.COVERAGE_GAP)).singleElement()
        .satisfies(s -> assertThat(s.ref().resourceId()).isEqualTo("/subscriptions/cccc#list registries"));
  }

  private Snapshot withGaps(List<Coverage.Gap> gaps) {
    Coverage c = snapshot.coverage();
    return new Snapshot(
        snapshot.schemaVersion(), snapshot.generatedAt(), snapshot.tenantId(), snapshot.source(),
        snapshot.registries(), snapshot.clusters(), snapshot.roleAssignments(), snapshot.roleDefinitions(),
        snapshot.principals(), snapshot.registryActivity(), snapshot.clusterPullFailures(),
        new Coverage(c.subscriptions(), c.logWindow(), c.workspaces(), gaps));
  }
}
