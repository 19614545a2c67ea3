package io.acrauditor.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.acrauditor.collect.FakeAzure.ACRDEV;
import static io.acrauditor.collect.FakeAzure.ACRPROD;
import static io.acrauditor.collect.FakeAzure.AKS_PROD;
import static io.acrauditor.collect.FakeAzure.CI_PIPELINE;
import static io.acrauditor.collect.FakeAzure.DANA;
import static io.acrauditor.collect.FakeAzure.KUBELET;
import static io.acrauditor.collect.FakeAzure.LAW_PROD;
import static io.acrauditor.collect.FakeAzure.LEE;
import static io.acrauditor.collect.FakeAzure.PLATFORM_OWNERS;
import static io.acrauditor.collect.FakeAzure.SUB_A;
import static io.acrauditor.collect.FakeAzure.SUB_B;
import static io.acrauditor.collect.FakeAzure.SUB_C;
import static io.acrauditor.collect.FakeAzure.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.acrauditor.inventory.ClusterPullFailure;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.ManagedCluster;
import io.acrauditor.inventory.Principal;
import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.RegistryActivity;
import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.RoleDefinition;
import io.acrauditor.inventory.ScopeMap;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotSource;
import io.acrauditor.inventory.Token;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AzureCollectorTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FakeAzure fake;
  private HttpClient httpClient;
  private final List<CollectProgress.Progress> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    fake = new FakeAzure();
    httpClient = FakeAzure.httpClient(Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Snapshot collect(CollectOptions options) {
    return new AzureCollector(progress::add, CLOCK).collect(options, fake.credential(httpClient), httpClient);
  }

  @Test
  void collectsTheEstateOfEverySubscription() {
    fake.stubEstate();

    // The ARM path, call by call; ResourceGraphInventoryTest shows Resource Graph gives the same.
    Snapshot snapshot = collect(fake.options().allSubscriptions(true).inventorySource(InventorySource.ARM).build());

    assertThat(snapshot.schemaVersion()).isEqualTo(Snapshot.CURRENT_SCHEMA_VERSION);
    assertThat(snapshot.generatedAt()).isEqualTo("2026-11-23T08:00:00Z");
    assertThat(snapshot.tenantId()).isEqualTo(TENANT);
    assertThat(snapshot.source()).isEqualTo(new SnapshotSource("azure", "AzureCloud", "arm", "dev"));

    // Subscriptions come from two pages; each is placed in the management group tree (one GET of
    // the tree below the tenant root group, managementgroups-tree.json), nearest group first.
    List<String> ancestors = List.of("contoso-root", TENANT);
    assertThat(snapshot.coverage().subscriptions()).containsExactly(
        new Coverage.AuditedSubscription(SUB_A, "contoso-prod", TENANT, "Enabled", ancestors),
        new Coverage.AuditedSubscription(SUB_B, "contoso-dev", TENANT, "Enabled", ancestors),
        new Coverage.AuditedSubscription(SUB_C, "contoso-sandbox", TENANT, "Warned", ancestors));

    assertThat(snapshot.registries()).extracting(Registry::id).containsExactly(ACRPROD, ACRDEV);
    Registry prod = snapshot.registries().get(0);
    assertThat(prod.name()).isEqualTo("acrprod");
    assertThat(prod.subscriptionId()).isEqualTo(SUB_A);
    assertThat(prod.resourceGroup()).isEqualTo("rg-prod");
    assertThat(prod.location()).isEqualTo("westeurope");
    assertThat(prod.sku()).isEqualTo(new Registry.Sku("Premium", "Premium"));
    assertThat(prod.loginServer()).isEqualTo("acrprod.azurecr.io");
    assertThat(prod.adminUserEnabled()).isTrue();
    assertThat(prod.publicNetworkAccess()).isEqualTo("Enabled");
    assertThat(prod.networkRuleSet()).isEqualTo(
        new Registry.NetworkRuleSet("Deny", List.of(new Registry.IpRule("Allow", "203.0.113.0/24"))));
    assertThat(prod.networkRuleBypassOptions()).isEqualTo("AzureServices");
    assertThat(prod.anonymousPullEnabled()).isFalse();
    assertThat(prod.dataEndpointEnabled()).isFalse();
    assertThat(prod.roleAssignmentMode()).isEqualTo("AbacRepositoryPermissions");
    assertThat(prod.policies()).isEqualTo(new Registry.Policies(
        new Registry.Status("disabled"),
        new Registry.TrustPolicy("Notary", "disabled"),
        new Registry.RetentionPolicy(7, "enabled"),
        new Registry.Status("enabled"),
        new Registry.Status("enabled")));
    assertThat(prod.tokens()).containsExactly(
        new Token(ACRPROD + "/tokens/ci-token", "ci-token", ACRPROD + "/scopeMaps/app-pull", "enabled",
            "2024-05-02T10:00:00Z", "Succeeded", new Token.Credentials(
                List.of(new Token.Password("password1", "2024-05-02T10:00:00Z", "2025-05-02T10:00:00Z"),
                    new Token.Password("password2", "2024-06-01T08:00:00Z", null)),
                List.of())),
        new Token(ACRPROD + "/tokens/old-token", "old-token", ACRPROD + "/scopeMaps/_repositories_pull", "disabled",
            "2022-01-10T10:00:00Z", "Succeeded", null));
    // Scope maps come from two pages.
    assertThat(prod.scopeMaps()).containsExactly(
        new ScopeMap(ACRPROD + "/scopeMaps/_repositories_pull", "_repositories_pull", "SystemDefined",
            "Can perform all read operations in the registry", "2024-03-01T09:00:00Z",
            List.of("repositories/*/content/read", "repositories/*/metadata/read")),
        new ScopeMap(ACRPROD + "/scopeMaps/app-pull", "app-pull", "UserDefined", "Pull the app repository",
            "2024-05-02T09:55:00Z", List.of("repositories/app/content/read", "repositories/app/metadata/read")));
    assertThat(prod.privateEndpointConnections()).containsExactly(new Registry.PrivateEndpointConnection(
        ACRPROD + "/privateEndpointConnections/pe-acrprod.9f1c", "pe-acrprod.9f1c",
        new Registry.PrivateEndpoint("/subscriptions/" + SUB_A
            + "/resourceGroups/rg-net/providers/Microsoft.Network/privateEndpoints/pe-acrprod"),
        new Registry.PrivateLinkServiceConnectionState("Approved", "Auto-Approved"), "Succeeded"));
    assertThat(prod.diagnosticSettings()).containsExactly(new Registry.DiagnosticSetting(
        "/subscriptions/" + SUB_A + "/resourcegroups/rg-prod/providers/microsoft.containerregistry/registries/acrprod"
            + "/providers/microsoft.insights/diagnosticSettings/to-law-prod",
        "to-law-prod", LAW_PROD,
        List.of(new Registry.LogSetting("ContainerRegistryRepositoryEvents", null, true),
            new Registry.LogSetting("ContainerRegistryLoginEvents", null, true))));

    // What Azure did not say stays unknown.
    Registry dev = snapshot.registries().get(1);
    assertThat(dev).isEqualTo(new Registry(ACRDEV, "acrdev", SUB_B, "rg-dev", "northeurope",
        new Registry.Sku("Basic", "Basic"), "acrdev.azurecr.io", false, null, null, null, true, null, null, null,
        List.of(), List.of(), null, List.of()));

    assertThat(snapshot.clusters()).containsExactly(new ManagedCluster(
        AKS_PROD, "aks-prod", SUB_A, "rg-prod", "westeurope", "1.31.2",
        new ManagedCluster.Identity("SystemAssigned", "9d7e3b2a-1c4f-4e8d-9a6b-5c4d3e2f1a0b", TENANT),
        java.util.Map.of("kubeletidentity", new ManagedCluster.UserAssignedIdentity("/subscriptions/" + SUB_A
            + "/resourcegroups/MC_rg-prod_aks-prod_westeurope/providers/Microsoft.ManagedIdentity"
            + "/userAssignedIdentities/aks-prod-agentpool", "4f3e2d1c-0000-4000-8000-00000000c11e", KUBELET)),
        new ManagedCluster.ServicePrincipalProfile("msi"),
        new ManagedCluster.AadProfile(true, true, TENANT),
        true, true,
        new ManagedCluster.OidcIssuerProfile(true, "https://westeurope.oic.prod-aks.azure.com/" + TENANT
            + "/0e9f8a7b-0000-4000-8000-000000000001/"),
        new ManagedCluster.SecurityProfile(new ManagedCluster.WorkloadIdentity(true)),
        new ManagedCluster.ApiServerAccessProfile(false, List.of("203.0.113.0/24"), true)));

    // Three pages in A, one in B; the management-group assignment shows in both, kept once.
    assertThat(snapshot.roleAssignments())
        .extracting(RoleAssignment::name, RoleAssignment::scope, RoleAssignment::principalId,
            RoleAssignment::principalType)
        .containsExactlyInAnyOrder(
            tuple("1a2b3c4d-0000-4000-8000-0000000000a1", ACRPROD, KUBELET, "ServicePrincipal"),
            tuple("1a2b3c4d-0000-4000-8000-0000000000a2", "/subscriptions/" + SUB_A + "/resourceGroups/rg-prod",
                CI_PIPELINE, "ServicePrincipal"),
            tuple("1a2b3c4d-0000-4000-8000-0000000000a3", "/providers/Microsoft.Management/managementGroups/contoso-root",
                PLATFORM_OWNERS, "Group"),
            tuple("1a2b3c4d-0000-4000-8000-0000000000a4", ACRPROD, DANA, "User"),
            tuple("1a2b3c4d-0000-4000-8000-0000000000b1", ACRDEV, CI_PIPELINE, "ServicePrincipal"));
    // An assignment on a storage account (roleassignments-a-page2.json) can grant nothing on a
    // registry: it is dropped, and its principal is not looked up.
    assertThat(fake.fixture("arm/roleassignments-a-page2.json")).contains("storageAccounts/stprodlogs");
    assertThat(snapshot.roleAssignments()).noneMatch(a -> a.scope().contains("storageAccounts"));
    fake.server.verify(0, getRequestedFor(urlPathMatching("/v1.0/servicePrincipals/" + FakeAzure.LOG_SHIPPER)));
    RoleAssignment abac = snapshot.roleAssignments().stream()
        .filter(a -> a.name().endsWith("a4")).findFirst().orElseThrow();
    assertThat(abac.condition()).contains("StringEqualsIgnoreCase 'app'");
    assertThat(abac.conditionVersion()).isEqualTo("2.0");
    assertThat(abac.roleDefinitionId()).endsWith("/roleDefinitions/c0ffee00-0000-4000-8000-000000000001");
    assertThat(abac.createdOn()).isEqualTo("2024-07-01T12:00:00Z");

    assertThat(snapshot.roleDefinitions())
        .extracting(RoleDefinition::name, RoleDefinition::roleName, RoleDefinition::type)
        .containsExactly(
            tuple("7f951dda-4ed3-4680-a7ca-43fe172d538d", "AcrPull", "BuiltInRole"),
            tuple("8311e382-0749-4cb8-b61a-304f252e45ec", "AcrPush", "BuiltInRole"),
            tuple("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", "BuiltInRole"),
            tuple("c0ffee00-0000-4000-8000-000000000001", "Registry Repository Reader (custom)", "CustomRole"));
    RoleDefinition custom = snapshot.roleDefinitions().get(3);
    assertThat(custom.permissions()).containsExactly(new RoleDefinition.Permission(
        List.of("Microsoft.ContainerRegistry/registries/read"), List.of(),
        List.of("Microsoft.ContainerRegistry/registries/repositories/content/read",
            "Microsoft.ContainerRegistry/registries/repositories/metadata/read"), List.of()));
    assertThat(custom.assignableScopes()).containsExactly("/subscriptions/" + SUB_A);

    // The cluster's own identity is gone from Graph (404): it is simply not resolved.
    assertThat(snapshot.principals()).extracting(Principal::id, Principal::type, Principal::displayName)
        .containsExactly(
            tuple(KUBELET, "ServicePrincipal", "aks-prod-agentpool"),
            tuple(PLATFORM_OWNERS, "Group", "platform-owners"),
            tuple(DANA, "User", "Dana Developer"),
            tuple(CI_PIPELINE, "ServicePrincipal", "ci-pipeline"));
    Principal ci = snapshot.principals().get(3);
    assertThat(ci.appId()).isEqualTo("6c5b4a39-0000-4000-8000-0000000000c1");
    assertThat(ci.appOwnerOrganizationId()).isEqualTo("99999999-8888-4777-8666-555555555555");
    assertThat(ci.servicePrincipalType()).isEqualTo("Application");
    assertThat(ci.passwordCredentials()).containsExactly(new Principal.CredentialInfo(
        "d4c3b2a1-0000-4000-8000-0000000000d1", "github-actions", "2024-02-01T00:00:00Z", "2025-01-31T00:00:00Z"));
    assertThat(ci.keyCredentials()).containsExactly(new Principal.CredentialInfo(
        "d4c3b2a1-0000-4000-8000-0000000000d2", "CN=ci-pipeline", "2024-02-01T00:00:00Z", "2026-02-01T00:00:00Z"));
    assertThat(snapshot.principals().get(1).passwordCredentials()).isNull();
    // The group holds a registry role: its transitive members, both pages, in id order; nobody
    // else's members are read.
    assertThat(snapshot.principals().get(1).members()).containsExactly(
        new Principal.Member(DANA, "User", "Dana Developer", null),
        new Principal.Member("c3d4e5f6-0000-4000-8000-0000000000c2", "Group", "platform-oncall", null),
        new Principal.Member(LEE, "User", "Lee Operator", null),
        new Principal.Member(CI_PIPELINE, "ServicePrincipal", "ci-pipeline", "Application"));
    assertThat(snapshot.principals()).filteredOn(p -> p != snapshot.principals().get(1))
        .allSatisfy(p -> assertThat(p.members()).isNull());
    fake.server.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/groups/" + PLATFORM_OWNERS + "/transitiveMembers"))
        .withHeader(GraphBatches.ITEM_HEADER, matching(".+")));
    fake.server.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/groups/" + PLATFORM_OWNERS + "/transitiveMembers"))
        .withoutHeader(GraphBatches.ITEM_HEADER).withQueryParam("$skiptoken", equalTo("RFNwdAIAAQAAAA")));

    // Logs: the registry and cluster ids come back lower-cased and are matched to the inventory.
    assertThat(snapshot.registryActivity()).containsExactly(
        new RegistryActivity(ACRPROD, "acrprod.azurecr.io", "5b4c7a1e-0000-4000-8000-00000000c0be", 1840L, 0L, 0L, 0L,
            3L, List.of("10.240.0.4", "10.240.0.5", "10.240.0.6"), List.of("containerd/v1.7.15"),
            List.of("app", "sidecar"), "2026-10-24T08:00:01.123Z", "2026-11-23T07:59:12.5Z"),
        new RegistryActivity(ACRPROD, "acrprod.azurecr.io", "ci-token", 0L, 42L, 3L, 5L, 2L,
            List.of("198.51.100.7", "198.51.100.9"),
            List.of("docker/27.3.1 go/go1.22.7 git-commit/41ca978 kernel/6.5.0 os/linux arch/amd64"), List.of("app"),
            "2026-11-01T12:00:00Z", "2026-11-22T18:30:00Z"));
    assertThat(snapshot.clusterPullFailures()).hasSize(1);
    ClusterPullFailure failure = snapshot.clusterPullFailures().get(0);
    assertThat(failure.clusterId()).isEqualTo(AKS_PROD);
    assertThat(failure.namespace()).isEqualTo("payments");
    assertThat(failure.image()).isEqualTo("acrdev.azurecr.io/payments/api:1.4.2");
    assertThat(failure.reason()).isEqualTo("Failed");
    assertThat(failure.count()).isEqualTo(17L);
    assertThat(failure.lastSeen()).isEqualTo("2026-11-22T23:10:00Z");
    assertThat(failure.messageSample()).contains("401 Unauthorized");

    assertThat(snapshot.coverage().workspaces()).containsExactly(LAW_PROD);
    assertThat(snapshot.coverage().logWindow())
        .isEqualTo(new Coverage.LogWindow("2026-10-24T08:00:00Z", "2026-11-23T08:00:00Z"));

    // Subscription C could not be read; everything else was.
    assertThat(snapshot.coverage().gaps())
        .extracting(Coverage.Gap::scope, Coverage.Gap::kind, Coverage.Gap::operation, Coverage.Gap::status,
            Coverage.Gap::code)
        .containsExactlyInAnyOrder(
            tuple("/subscriptions/" + SUB_C, "cluster", "list managed clusters", 403, "AuthorizationFailed"),
            tuple("/subscriptions/" + SUB_C, "roleAssignments", "list role assignments", 403, "AuthorizationFailed"),
            tuple("/subscriptions/" + SUB_C, "subscription", "list registries", 403, "AuthorizationFailed"));
    assertThat(snapshot.coverage().gaps().get(0).reason()).contains("does not have authorization");

    // 429 with Retry-After, then success; 503, then success.
    fake.server.verify(2, getRequestedFor(urlPathMatching("/+subscriptions/" + SUB_B
        + "/providers/Microsoft.ContainerRegistry/registries")));
    fake.server.verify(2, getRequestedFor(urlPathMatching("/+subscriptions/" + SUB_B
        + "/providers/Microsoft.Authorization/roleAssignments")));

    CollectProgress.Progress last = progress.get(progress.size() - 1);
    assertThat(last).isEqualTo(new CollectProgress.Progress("done", 3, 3, 2, 2));
  }

  /**
   * Every request that reached the fake is a read: GET, or POST to the token endpoint, Graph
   * getByIds, Resource Graph or a Log Analytics query. The token password the fake hands out is
   * nowhere in the snapshot's JSON.
   */
  @Test
  void readsOnlyAndKeepsNoSecret() {
    fake.stubEstate();

    Snapshot snapshot = collect(fake.options().allSubscriptions(true).build());

    List<ServeEvent> events = fake.server.getAllServeEvents();
    assertThat(events).hasSizeGreaterThan(20);
    assertThat(events).allSatisfy(event -> {
      String method = event.getRequest().getMethod().getName();
      String path = URI.create(event.getRequest().getUrl()).getPath();
      assertThat(method).as("method of %s", path).isIn("GET", "POST");
      if (method.equals("POST")) {
        assertThat(path.toLowerCase(Locale.ROOT)).as("POST %s", path).matches(
            "/" + TENANT + "/oauth2/v2\\.0/token"
                + "|/v1\\.0/directoryobjects/getbyids"
                + "|/v1\\.0/\\$batch"
                + "|.*/providers/microsoft\\.resourcegraph/resources"
                + "|/+(subscriptions/.*/workspaces/[^/]+|workspaces/[^/]+)/query");
      }
      if (path.equals(FakeAzure.GRAPH_BATCH)) {
        assertThat(JSON.readTree(event.getRequest().getBodyAsString()).path("requests").valueStream()
            .map(r -> r.path("method").asString())).as("methods in a Graph batch").containsOnly("GET");
      }
      assertThat(path.toLowerCase(Locale.ROOT)).doesNotContain("listcredentials", "regeneratecredential",
          "generatecredentials", "listclusteradmincredential", "listclusterusercredential");
    });
    assertThat(events).noneMatch(e -> e.getResponse().getStatus() == 404 && e.getWasMatched() == false);

    String json = JSON.writeValueAsString(snapshot);
    assertThat(json).contains("password1").doesNotContain(FakeAzure.TOKEN_PASSWORD_VALUE).doesNotContain("S3cr3t");
  }

  /** The pipeline itself refuses a write or a secret-returning call before it leaves the process. */
  @Test
  void refusesCallsThatReturnOrChangeSecrets() {
    CollectOptions options = fake.options().subscription(SUB_A).build();
    AzureCloud.Endpoints endpoints = options.endpoints();
    var pipeline = Pipelines.arm(fake.credential(httpClient), httpClient, options, endpoints);
    var registries = com.azure.resourcemanager.containerregistry.ContainerRegistryManager.authenticate(pipeline,
        new com.azure.core.management.profile.AzureProfile(TENANT, SUB_A, endpoints.azureEnvironment()));

    assertThatThrownBy(() -> registries.serviceClient().getRegistries().listCredentials("rg-prod", "acrprod"))
        .hasStackTraceContaining("the auditor only reads");
    assertThat(fake.server.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().contains("listCredentials"));
  }

  @Test
  void aSubscriptionThatCannotBeReadBecomesCoverageAndTheRestCompletes() {
    fake.stubEstate();
    fake.arm(urlPathMatching("/+subscriptions/0b1f6471-1bf0-4dda-aec3-999999999999"), 404,
        "arm/error-subscription-not-found.json", 1);

    Snapshot snapshot = collect(fake.options().subscription(SUB_A)
        .subscription("0b1f6471-1bf0-4dda-aec3-999999999999").build());

    assertThat(snapshot.coverage().subscriptions()).extracting(Coverage.AuditedSubscription::subscriptionId)
        .containsExactly(SUB_A);
    assertThat(snapshot.coverage().gaps()).containsExactly(new Coverage.Gap(
        "/subscriptions/0b1f6471-1bf0-4dda-aec3-999999999999", "subscription", "get subscription", 404,
        "SubscriptionNotFound", "The subscription '0b1f6471-1bf0-4dda-aec3-999999999999' could not be found."));
    assertThat(snapshot.registries()).extracting(Registry::id).containsExactly(ACRPROD);
    assertThat(snapshot.registries().get(0).tokens()).hasSize(2);
    assertThat(snapshot.clusters()).hasSize(1);
    assertThat(snapshot.roleAssignments()).hasSize(4);
  }

  @Test
  void aManagementGroupTreeThatCannotBeReadIsACoverageGapAndPlacesNoSubscription() {
    fake.stubEstate();
    fake.arm(urlPathMatching("/+providers/Microsoft.Management/managementGroups/.*"), 403,
        "arm/error-authorization-failed.json", 1);

    Snapshot snapshot = collect(fake.options().subscription(SUB_A).inventorySource(InventorySource.ARM).build());

    assertThat(snapshot.coverage().subscriptions()).singleElement()
        .satisfies(s -> assertThat(s.managementGroupAncestors()).isNull());
    assertThat(snapshot.coverage().gaps()).extracting(Coverage.Gap::scope, Coverage.Gap::kind, Coverage.Gap::status)
        .containsExactly(tuple("/providers/Microsoft.Management/managementGroups/" + TENANT, "managementGroups", 403));
    assertThat(snapshot.registries()).extracting(Registry::id).containsExactly(ACRPROD);
  }

  @Test
  void groupMembersForbiddenIsACoverageGapNotAGuess() {
    fake.stubEstate().stubGroupMembersForbidden();

    Snapshot snapshot = collect(fake.options().subscription(SUB_A).build());

    assertThat(snapshot.principals()).extracting(Principal::id).contains(PLATFORM_OWNERS);
    assertThat(snapshot.principals()).allSatisfy(p -> assertThat(p.members()).isNull());
    assertThat(snapshot.coverage().gaps())
        .extracting(Coverage.Gap::scope, Coverage.Gap::kind, Coverage.Gap::operation, Coverage.Gap::status)
        .containsExactly(tuple(fake.base() + "/v1.0/groups/" + PLATFORM_OWNERS + "/transitiveMembers", "groupMembers",
            "list group members", 403));
  }

  @Test
  void graphForbiddenBecomesCoverageAndTheRestCompletes() {
    fake.stubEstate().stubGraphForbidden();

    Snapshot snapshot = collect(fake.options().subscription(SUB_A).build());

    assertThat(snapshot.principals()).isEmpty();
    assertThat(snapshot.coverage().gaps())
        .extracting(Coverage.Gap::kind, Coverage.Gap::operation, Coverage.Gap::status, Coverage.Gap::code)
        .containsExactlyInAnyOrder(
            tuple("graph", "read service principals (3)", 403, "Authorization_RequestDenied"),
            tuple("graph", "resolve users and groups", 403, "Authorization_RequestDenied"));
    // All three went in one batch, Graph refused each: no principal is asked for on its own.
    fake.server.verify(1, postRequestedFor(urlPathEqualTo(FakeAzure.GRAPH_BATCH)));
    fake.server.verify(3, getRequestedFor(urlPathMatching("/v1.0/servicePrincipals/.*"))
        .withHeader(GraphBatches.ITEM_HEADER, matching(".+")));
    fake.server.verify(0, getRequestedFor(urlPathMatching("/v1.0/servicePrincipals/.*"))
        .withoutHeader(GraphBatches.ITEM_HEADER));
    assertThat(snapshot.registries()).hasSize(1);
    assertThat(snapshot.roleAssignments()).hasSize(4);
    assertThat(snapshot.registryActivity()).hasSize(2);
  }

  @Test
  void aMissingLogAnalyticsTableBecomesCoverage() {
    fake.stubEstate().stubMissingTables();

    Snapshot snapshot = collect(fake.options().subscription(SUB_A).build());

    assertThat(snapshot.coverage().gaps())
        .extracting(Coverage.Gap::scope, Coverage.Gap::kind, Coverage.Gap::status, Coverage.Gap::code)
        .containsExactlyInAnyOrder(
            tuple(LAW_PROD + "/ContainerRegistryLoginEvents", "table", 400, "SemanticError"),
            tuple(LAW_PROD + "/KubeEvents", "table", 400, "SemanticError"));
    assertThat(snapshot.coverage().gaps()).extracting(Coverage.Gap::reason)
        .anySatisfy(reason -> assertThat(reason).contains("'KubeEvents'"));
    // The repository events were still summarised on their own.
    assertThat(snapshot.registryActivity()).hasSize(2);
    assertThat(snapshot.clusterPullFailures()).isEmpty();
    assertThat(snapshot.coverage().workspaces()).containsExactly(LAW_PROD);
  }

  @Test
  void aTimeoutBecomesCoverageNotSilence() {
    fake.stubEstate();
    fake.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(FakeAzure.path(ACRPROD + "/tokens"))
        .atPriority(1).willReturn(fake.json(200, "arm/tokens-acrprod.json").withFixedDelay(3000)));
    HttpClient impatient = FakeAzure.httpClient(Duration.ofMillis(800));

    Snapshot snapshot = new AzureCollector(CollectProgress.NONE, CLOCK).collect(
        fake.options().subscription(SUB_A).maxRetries(0).build(), fake.credential(impatient), impatient);

    assertThat(snapshot.registries().get(0).tokens()).isNull();
    assertThat(snapshot.registries().get(0).scopeMaps()).hasSize(2);
    assertThat(snapshot.coverage().gaps()).extracting(Coverage.Gap::scope, Coverage.Gap::kind,
        Coverage.Gap::operation, Coverage.Gap::code)
        .containsExactly(tuple(ACRPROD, "registry", "list tokens", "Timeout"));
  }

  @Test
  void anUnreachableEndpointFailsWithOneClearLine() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "https://localhost:" + closedPort + "/";
    CollectOptions options = fake.options().subscription(SUB_A).maxRetries(0)
        .armEndpoint(URI.create(unreachable)).build();

    assertThatThrownBy(() -> collect(options))
        .isInstanceOf(CollectionException.class)
        .hasMessageStartingWith("Cannot reach " + unreachable)
        .hasMessageNotContaining("\n")
        .satisfies(e -> assertThat(((CollectionException) e).endpoint()).isEqualTo(unreachable));
  }

  @Test
  void anUnreachableAuthorityFailsWithOneClearLine() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String authority = "https://localhost:" + closedPort + "/";
    CollectOptions options = fake.options().subscription(SUB_A).maxRetries(0).authorityHost(URI.create(authority))
        .build();
    var credential = new com.azure.identity.ClientSecretCredentialBuilder()
        .tenantId(TENANT).clientId("6c5b4a39-0000-4000-8000-0000000000c1").clientSecret("fake-client-secret")
        .authorityHost(authority).disableInstanceDiscovery().httpClient(httpClient)
        .build();

    assertThatThrownBy(() -> new AzureCollector(CollectProgress.NONE, CLOCK).collect(options, credential, httpClient))
        .isInstanceOf(CollectionException.class)
        .hasMessageStartingWith("Cannot get an Entra token from " + authority + " for " + fake.base() + "/: ")
        .satisfies(e -> assertThat(((CollectionException) e).endpoint()).isEqualTo(authority));
  }
}
