package io.acrauditor.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.acrauditor.collect.FakeAzure.SUB_A;
import static io.acrauditor.collect.FakeAzure.SUB_B;
import static io.acrauditor.collect.FakeAzure.SUB_C;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.RoleDefinition;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The inventory through Azure Resource Graph: the same snapshot as ARM, for far fewer requests. */
class ResourceGraphInventoryTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FakeAzure fake;
  private HttpClient httpClient;

  @BeforeEach
  void start() {
    fake = new FakeAzure().stubEstate();
    httpClient = FakeAzure.httpClient(Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Snapshot collect(InventorySource source) {
    return new AzureCollector(CollectProgress.NONE, CLOCK).collect(
        fake.options().allSubscriptions(true).inventorySource(source).build(), fake.credential(httpClient), httpClient);
  }

  /**
   * The whole fake estate both ways: every registry, token, scope map, cluster, assignment (the
   * management-group one included), definition, principal, log row and coverage gap (subscription
   * C, which Resource Graph does not show and ARM refuses) is the same; only the source differs.
   */
  @Test
  void graphAndArmGiveTheSameSnapshot() {
    Snapshot graph = collect(InventorySource.GRAPH);
    Snapshot arm = collect(InventorySource.ARM);

    assertThat(graph.source()).isEqualTo(new SnapshotSource("azure", "AzureCloud", "graph", "dev"));
    assertThat(arm.source()).isEqualTo(new SnapshotSource("azure", "AzureCloud", "arm", "dev"));
    assertThat(withSource(graph, arm.source())).isEqualTo(arm);
    assertThat(JSON.writeValueAsString(withSource(graph, arm.source()))).isEqualTo(JSON.writeValueAsString(arm));
    // Not trivially equal: the estate is all there.
    assertThat(graph.registries()).hasSize(2);
    assertThat(graph.registries().get(0).tokens()).hasSize(2);
    assertThat(graph.clusters()).hasSize(1);
    assertThat(graph.roleAssignments()).hasSize(5);
    // Both sources serve an assignment on a storage account; both drop it (ARM in Java, Resource
    // Graph in the query), so neither snapshot has it nor its principal.
    assertThat(fake.fixture("arm/roleassignments-a-page2.json")).contains("storageAccounts/stprodlogs");
    assertThat(fake.fixture("arg/roleassignments-page1.json")).contains("storageAccounts/stprodlogs");
    assertThat(graph.roleAssignments()).noneMatch(a -> a.scope().contains("storageAccounts"));
    fake.server.verify(0, getRequestedFor(urlPathMatching("/v1.0/servicePrincipals/" + FakeAzure.LOG_SHIPPER)));
    assertThat(graph.roleDefinitions()).hasSize(4);
    assertThat(graph.coverage().gaps()).hasSize(3);
  }

  @Test
  void readsTheInventoryThroughResourceGraphAndOnlyTheRestThroughArm() {
    Snapshot snapshot = collect(InventorySource.GRAPH);

    // Registries, clusters and assignments of A and B come from Resource Graph, not ARM lists.
    for (String sub : List.of(SUB_A, SUB_B)) {
      fake.server.verify(0, getRequestedFor(urlPathMatching("/+subscriptions/" + sub
          + "/providers/Microsoft.(ContainerRegistry/registries|ContainerService/managedClusters)")));
      // Only the at-and-above list, for the inherited assignments Resource Graph leaves out.
      List<LoggedRequest> assignmentLists = fake.server.findAll(getRequestedFor(urlPathMatching("/+subscriptions/"
          + sub + "/providers/Microsoft.Authorization/roleAssignments")));
      assertThat(assignmentLists).hasSize(1);
      assertThat(assignmentLists.get(0).queryParameter("$filter").firstValue()).isEqualTo("atScope()");
    }
    // C is not visible to Resource Graph: ARM is asked, refuses, and that is the coverage gap.
    fake.server.verify(1, getRequestedFor(urlPathMatching("/+subscriptions/" + SUB_C
        + "/providers/Microsoft.ContainerRegistry/registries")));
    // Tokens, scope maps and diagnostic settings are not in Resource Graph: still per registry.
    fake.server.verify(1, getRequestedFor(urlPathMatching("/+" + FakeAzure.ACRPROD.substring(1) + "/tokens")));

    List<JsonNode> bodies = new ArrayList<>();
    fake.server.findAll(postRequestedFor(urlPathMatching(FakeAzure.RESOURCE_GRAPH)))
        .forEach(r -> bodies.add(JSON.readTree(r.getBodyAsString())));
    assertThat(bodies).hasSize(7);
    assertThat(bodies).allSatisfy(b -> {
      assertThat(b.path("options").path("resultFormat").asString()).isEqualTo("objectArray");
      assertThat(b.path("options").path("$top").asInt()).isEqualTo(1000);
    });
    JsonNode visibility = bodies.stream().filter(b -> b.path("query").asString().startsWith("resourcecontainers")
        && b.path("query").asString().endsWith("project id, subscriptionId")).findFirst().orElseThrow();
    // Management group ancestry: each subscription's chain from resourcecontainers; C, which
    // Resource Graph does not show, is placed from the tree ARM serves below the tenant root group.
    JsonNode ancestry = bodies.stream().filter(b -> b.path("query").asString()
        .contains("managementGroupAncestorsChain = properties.managementGroupAncestorsChain")).findFirst().orElseThrow();
    assertThat(ancestry.path("subscriptions").valueStream().map(JsonNode::asString))
        .containsExactly(SUB_A, SUB_B, SUB_C);
    fake.server.verify(1, getRequestedFor(urlPathMatching(
        "/+providers/Microsoft.Management/managementGroups/" + FakeAzure.TENANT)));
    assertThat(snapshot.coverage().subscriptions()).allSatisfy(s -> assertThat(s.managementGroupAncestors())
        .containsExactly("contoso-root", FakeAzure.TENANT));
    assertThat(visibility.path("subscriptions").valueStream().map(JsonNode::asString))
        .containsExactly(SUB_A, SUB_B, SUB_C);
    // The assignments came in two pages: the second carried the first's $skipToken.
    List<JsonNode> assignmentPages = bodies.stream()
        .filter(b -> b.path("query").asString().contains("microsoft.authorization/roleassignments")).toList();
    assertThat(assignmentPages).hasSize(2);
    assertThat(assignmentPages.get(0).path("subscriptions").valueStream().map(JsonNode::asString))
        .containsExactly(SUB_A, SUB_B);
    assertThat(assignmentPages.get(0).path("options").has("$skipToken")).isFalse();
    // Only assignments that can cover a registry are asked for: the filter runs in Resource Graph.
    assertThat(assignmentPages).allSatisfy(b -> assertThat(b.path("query").asString())
        .contains("| where " + RegistryScopes.KQL_CONDITION + "\n| project"));
    assertThat(assignmentPages.get(1).path("options").path("$skipToken").asString()).startsWith("ew0KICAiJGlk");
    // Role definitions: one tenant-scoped query (built-in roles live above every subscription);
    // the custom role it did not return was read through ARM.
    JsonNode definitions = bodies.stream()
        .filter(b -> b.path("query").asString().contains("microsoft.authorization/roledefinitions")).findFirst()
        .orElseThrow();
    assertThat(definitions.has("subscriptions")).isFalse();
    fake.server.verify(1, getRequestedFor(urlPathMatching(
        "/+subscriptions/[^/]+/providers/Microsoft.Authorization/roleDefinitions/c0ffee00-0000-4000-8000-000000000001")));
    fake.server.verify(0, getRequestedFor(urlPathMatching(
        "/+subscriptions/[^/]+/providers/Microsoft.Authorization/roleDefinitions/7f951dda-.*")));

    // Resource Graph's spellings became ARM's: assignment ids and role definition ids.
    RoleAssignment kubelet = snapshot.roleAssignments().stream().filter(a -> a.name().endsWith("a1")).findFirst()
        .orElseThrow();
    assertThat(kubelet.id()).isEqualTo(FakeAzure.ACRPROD
        + "/providers/Microsoft.Authorization/roleAssignments/1a2b3c4d-0000-4000-8000-0000000000a1");
    assertThat(kubelet.roleDefinitionId()).isEqualTo("/subscriptions/" + SUB_A
        + "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d");
    assertThat(snapshot.roleDefinitions()).extracting(RoleDefinition::id).allSatisfy(id ->
        assertThat(id).startsWith("/subscriptions/" + SUB_A + "/providers/Microsoft.Authorization/roleDefinitions/"));
  }

  @Test
  void theReadOnlyPolicyLetsTheResourceGraphQueryThrough() {
    assertThat(Pipelines.ReadOnlyPolicy.isRead(com.azure.core.http.HttpMethod.POST,
        "/providers/Microsoft.ResourceGraph/resources")).isTrue();
    assertThat(Pipelines.ReadOnlyPolicy.isRead(com.azure.core.http.HttpMethod.POST,
        "//providers/Microsoft.ResourceGraph/resources")).isTrue();
    assertThat(Pipelines.ReadOnlyPolicy.isRead(com.azure.core.http.HttpMethod.PUT,
        "/providers/Microsoft.ResourceGraph/queries/q")).isFalse();
  }

  @Test
  void aQueryNeverNamesMoreThanAThousandSubscriptions() {
    assertThat(ResourceGraphReader.MAX_SUBSCRIPTIONS_PER_QUERY).isEqualTo(1000);
    assertThat(ResourceGraphReader.roleDefinitionsQuery(List.of("7f951dda-4ed3-4680-a7ca-43fe172d538d", "x' or 1==1")))
        .contains("where name in~ ('7f951dda-4ed3-4680-a7ca-43fe172d538d')").doesNotContain("1==1");
  }

  /** The Java test (ARM) and the query's KQL (Resource Graph, as the fakes read it) agree. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(textBlock = """
      /,                                                                                             true
      /providers/Microsoft.Management/managementGroups/contoso-root,                                 true
      /subscriptions/s,                                                                              true
      /subscriptions/s/resourceGroups/rg,                                                            true
      /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr,       true
      /subscriptions/s/resourcegroups/rg/providers/microsoft.containerregistry/registries/acr,       true
      /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr/scopeMaps/m, true
      /subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st,             false
      /subscriptions/s/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv,                     false
      /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks,   false
      """)
  void keepsOnlyAssignmentsWhoseScopeCanCoverARegistry(String scope, boolean kept) {
    assertThat(RegistryScopes.mayCoverRegistries(scope)).isEqualTo(kept);
    assertThat(FakeKql.scopeFilter(ResourceGraphReader.ROLE_ASSIGNMENTS_QUERY).test(scope)).isEqualTo(kept);
  }

  private static Snapshot withSource(Snapshot s, SnapshotSource source) {
    return new Snapshot(s.schemaVersion(), s.generatedAt(), s.tenantId(), source, s.registries(), s.clusters(),
        s.roleAssignments(), s.roleDefinitions(), s.principals(), s.registryActivity(), s.clusterPullFailures(),
        s.coverage());
  }
}
