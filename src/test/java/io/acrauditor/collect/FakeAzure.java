package io.acrauditor.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A local HTTPS fake of Entra ID, ARM, Resource Graph ({@link ResourceGraphPages}), Microsoft Graph
 * (JSON batching by {@link GraphBatches}) and Log Analytics, answering in the shapes of the Azure
 * REST API (fixtures under {@code src/test/resources/fake-azure}). Its certificate
 * ({@code fake-azure-tls.p12}, CN and SAN localhost, made once with keytool) is the only one the
 * test HTTP client trusts, so nothing here can reach a real endpoint by mistake.
 */
final class FakeAzure implements AutoCloseable {

  static final String TENANT = "11111111-2222-4333-8444-555555555555";
  static final String SUB_A = "0b1f6471-1bf0-4dda-aec3-111111111111";
  static final String SUB_B = "0b1f6471-1bf0-4dda-aec3-222222222222";
  static final String SUB_C = "0b1f6471-1bf0-4dda-aec3-333333333333";
  static final String ACRPROD = "/subscriptions/" + SUB_A
      + "/resourceGroups/rg-prod/providers/Microsoft.ContainerRegistry/registries/acrprod";
  static final String ACRDEV = "/subscriptions/" + SUB_B
      + "/resourceGroups/rg-dev/providers/Microsoft.ContainerRegistry/registries/acrdev";
  static final String AKS_PROD = "/subscriptions/" + SUB_A
      + "/resourcegroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod";
  static final String LAW_PROD = "/subscriptions/" + SUB_A
      + "/resourceGroups/rg-monitor/providers/Microsoft.OperationalInsights/workspaces/law-prod";
  static final String KUBELET = "5b4c7a1e-0000-4000-8000-00000000c0be";
  static final String CLUSTER_IDENTITY = "9d7e3b2a-1c4f-4e8d-9a6b-5c4d3e2f1a0b";
  static final String CI_PIPELINE = "e3c2a0f4-7d1b-4c55-9b7e-0a1b2c3d4e5f";
  static final String PLATFORM_OWNERS = "a1b2c3d4-0000-4000-8000-00000000a11b";
  static final String DANA = "b2c3d4e5-0000-4000-8000-0000000000b1";
  /** A member of platform-owners only: holds no role of its own. */
  static final String LEE = "d4e5f6a7-0000-4000-8000-0000000000d3";
  /** Holds one role, on a storage account (roleassignments-a-page2.json): no registry access. */
  static final String LOG_SHIPPER = "7c6d5e4f-0000-4000-8000-0000000005a0";
  static final String TOKEN_PASSWORD_VALUE = "S3cr3t-token-password-value-never-in-output";
  static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";
  static final String RESOURCE_GRAPH = "/+providers/Microsoft.ResourceGraph/resources";
  static final String GRAPH_BATCH = "/v1.0/$batch";

  private static final String KEYSTORE = FakeAzureTls.KEYSTORE;
  private static final char[] KEYSTORE_PASSWORD = FakeAzureTls.KEYSTORE_PASSWORD;

  final WireMockServer server;

  FakeAzure() {
    server = new WireMockServer(wireMockConfig()
        .extensions(new ResourceGraphPages(this::fixture), new GraphBatches(this::base))
        .httpDisabled(true)
        .dynamicHttpsPort()
        .bindAddress("127.0.0.1")
        .keystorePath(resourcePath(KEYSTORE).toString())
        .keystorePassword(new String(KEYSTORE_PASSWORD))
        .keyManagerPassword(new String(KEYSTORE_PASSWORD))
        .keystoreType("PKCS12"));
    server.start();
    server.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(json(200, "entra/token.json")));
    server.stubFor(post(urlPathEqualTo(GRAPH_BATCH)).atPriority(1)
        .willReturn(aResponse().withTransformers(GraphBatches.NAME)));
  }

  String base() {
    return "https://localhost:" + server.httpsPort();
  }

  /** Options pointing every endpoint at the fake, with quick retries. */
  CollectOptions.Builder options() {
    return CollectOptions.builder()
        .tenantId(TENANT)
        .authorityHost(URI.create(base() + "/"))
        .armEndpoint(URI.create(base() + "/"))
        .graphEndpoint(URI.create(base() + "/"))
        .logAnalyticsEndpoint(URI.create(base()))
        .concurrency(4)
        .maxRetries(3)
        .retryDelay(Duration.ofMillis(50))
        .requestTimeout(Duration.ofSeconds(20))
        .lookback(Duration.ofDays(30));
  }

  /** The real client-secret credential of azure-identity, against the fake token endpoint. */
  TokenCredential credential(HttpClient httpClient) {
    return new ClientSecretCredentialBuilder()
        .tenantId(TENANT)
        .clientId("6c5b4a39-0000-4000-8000-0000000000c1")
        .clientSecret("fake-client-secret")
        .authorityHost(base() + "/")
        .disableInstanceDiscovery()
        .httpClient(httpClient)
        .build();
  }

  /** A JDK HTTP client that trusts the fake's certificate and nothing else. */
  static HttpClient httpClient(Duration timeout) {
    return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(FakeAzureTls.sslContext()))
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(timeout)
        .readTimeout(timeout)
        .build();
  }


  /** The estate: three subscriptions, two registries, a cluster, roles, principals and logs. */
  FakeAzure stubEstate() {
    // Subscriptions, two pages.
    arm(urlMatching("/subscriptions\\?.*skiptoken=page2.*"), 200, "arm/subscriptions-page2.json", 1);
    arm(urlPathMatching("/subscriptions"), 200, "arm/subscriptions-page1.json", 5);
    arm(urlPathMatching("/+subscriptions/" + SUB_A), 200, "arm/subscription-a.json", 5);

    // The management group tree below the tenant root group: every subscription under contoso-root.
    arm(urlPathMatching("/+providers/Microsoft.Management/managementGroups/" + TENANT), 200,
        "arm/managementgroups-tree.json", 5);

    // Subscription A: a fully configured registry and cluster; role assignments over three pages.
    arm(path(SUB_A, "/providers/Microsoft.ContainerRegistry/registries"), 200, "arm/registries-a.json", 5);
    arm(path(ACRPROD + "/tokens"), 200, "arm/tokens-acrprod.json", 5);
    arm(urlMatching("/+" + ACRPROD.substring(1) + "/scopeMaps\\?.*skipToken=scopemaps-2.*"), 200,
        "arm/scopemaps-acrprod-page2.json", 1);
    arm(path(ACRPROD + "/scopeMaps"), 200, "arm/scopemaps-acrprod-page1.json", 5);
    arm(path(ACRPROD + "/providers/Microsoft.Insights/diagnosticSettings"), 200, "arm/diagnostics-acrprod.json", 5);
    arm(path(SUB_A, "/providers/Microsoft.ContainerService/managedClusters"), 200, "arm/clusters-a.json", 5);
    String assignmentsA = "/subscriptions/" + SUB_A + "/providers/Microsoft.Authorization/roleAssignments";
    arm(urlMatching("/+" + assignmentsA.substring(1) + "\\?.*skiptoken=ra-page2.*"), 200,
        "arm/roleassignments-a-page2.json", 1);
    arm(urlMatching("/+" + assignmentsA.substring(1) + "\\?.*skiptoken=ra-page3.*"), 200,
        "arm/roleassignments-a-page3.json", 1);
    arm(path(assignmentsA), 200, "arm/roleassignments-a-page1.json", 5);

    // Subscription B: a bare registry. Its registry list is throttled once, its role assignment
    // list fails once with 503: both must be retried.
    once(path(SUB_B, "/providers/Microsoft.ContainerRegistry/registries"), "throttled-b",
        aResponse().withStatus(429).withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
            .withBody(fixture("arm/error-throttled.json")),
        "arm/registries-b.json");
    arm(path(ACRDEV + "/tokens"), 200, "arm/empty-list.json", 5);
    arm(path(ACRDEV + "/scopeMaps"), 200, "arm/empty-list.json", 5);
    arm(path(ACRDEV + "/providers/Microsoft.Insights/diagnosticSettings"), 200, "arm/empty-list.json", 5);
    arm(path(SUB_B, "/providers/Microsoft.ContainerService/managedClusters"), 200, "arm/empty-list.json", 5);
    once(path(SUB_B, "/providers/Microsoft.Authorization/roleAssignments"), "unavailable-b",
        aResponse().withStatus(503).withHeader("Content-Type", "application/json")
            .withBody(fixture("arm/error-service-unavailable.json")),
        "arm/roleassignments-b.json");

    // Subscription C: listed, but nothing in it may be read.
    arm(path(SUB_C, "/providers/Microsoft.ContainerRegistry/registries"), 403, "arm/error-authorization-failed.json", 5);
    arm(path(SUB_C, "/providers/Microsoft.ContainerService/managedClusters"), 403,
        "arm/error-authorization-failed.json", 5);
    arm(path(SUB_C, "/providers/Microsoft.Authorization/roleAssignments"), 403, "arm/error-authorization-failed.json",
        5);

    for (String guid : new String[] {"7f951dda-4ed3-4680-a7ca-43fe172d538d", "8311e382-0749-4cb8-b61a-304f252e45ec",
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "c0ffee00-0000-4000-8000-000000000001"}) {
      arm(urlPathMatching("/+subscriptions/[^/]+/providers/Microsoft.Authorization/roleDefinitions/" + guid), 200,
          "arm/roledefinition-" + guid + ".json", 5);
    }

    // Assignments at and above each subscription (atScope()): only the management-group one.
    server.stubFor(get(path(assignmentsA)).atPriority(2).withQueryParam("$filter", equalTo("atScope()"))
        .willReturn(json(200, "arm/roleassignments-a-atscope.json")));
    server.stubFor(get(path(SUB_B, "/providers/Microsoft.Authorization/roleAssignments")).atPriority(2)
        .withQueryParam("$filter", equalTo("atScope()")).willReturn(json(200, "arm/roleassignments-b-atscope.json")));
    server.stubFor(get(path(SUB_C, "/providers/Microsoft.Authorization/roleAssignments")).atPriority(2)
        .withQueryParam("$filter", equalTo("atScope()")).willReturn(json(403, "arm/error-authorization-failed.json")));

    // Azure Resource Graph: subscription C is not visible to it, as for a caller without read there.
    server.stubFor(post(urlPathMatching(RESOURCE_GRAPH)).atPriority(5)
        .willReturn(aResponse().withTransformers(ResourceGraphPages.NAME)));

    // Microsoft Graph.
    arm(urlPathMatching("/v1.0/servicePrincipals/" + CI_PIPELINE), 200, "graph/sp-ci-pipeline.json", 5);
    arm(urlPathMatching("/v1.0/servicePrincipals/" + KUBELET), 200, "graph/sp-kubelet.json", 5);
    arm(urlPathMatching("/v1.0/servicePrincipals/" + CLUSTER_IDENTITY), 404, "graph/error-not-found.json", 5);
    server.stubFor(post(urlPathMatching("/v1.0/directoryObjects/getByIds"))
        .withRequestBody(matchingJsonPath("$.types", containing("user")))
        .willReturn(json(200, "graph/getbyids-users-groups.json")));
    // The group that holds a registry role: its transitive members over two pages, the second
    // by the absolute @odata.nextLink Graph gives (a nested group and its members among them).
    String members = "/v1.0/groups/" + PLATFORM_OWNERS + "/transitiveMembers";
    server.stubFor(get(urlPathEqualTo(members)).atPriority(5).withQueryParam("$skiptoken", equalTo("RFNwdAIAAQAAAA"))
        .willReturn(json(200, "graph/transitivemembers-platform-owners-page2.json")));
    server.stubFor(get(urlPathEqualTo(members)).atPriority(6)
        .willReturn(json(200, "graph/transitivemembers-platform-owners-page1.json")));

    // Log Analytics, queried by the workspace's resource id.
    String query = "/+" + LAW_PROD.substring(1) + "/query";
    server.stubFor(post(urlPathMatching(query)).atPriority(5)
        .withRequestBody(matchingJsonPath("$.query", containing("ContainerRegistryRepositoryEvents")))
        .willReturn(json(200, "logs/registry-activity.json")));
    server.stubFor(post(urlPathMatching(query)).atPriority(5)
        .withRequestBody(matchingJsonPath("$.query", containing("KubeEvents")))
        .willReturn(json(200, "logs/kube-pull-failures.json")));
    return this;
  }

  /** Log Analytics without ContainerRegistryLoginEvents and KubeEvents, as in a young workspace. */
  FakeAzure stubMissingTables() {
    String query = "/+" + LAW_PROD.substring(1) + "/query";
    server.stubFor(post(urlPathMatching(query)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.query", containing("ContainerRegistryLoginEvents")))
        .willReturn(json(400, "logs/error-missing-login-table.json")));
    server.stubFor(post(urlPathMatching(query)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.query", containing("KubeEvents")))
        .withRequestBody(matchingJsonPath("$.query", not(containing("ContainerRegistry"))))
        .willReturn(json(400, "logs/error-missing-kube-table.json")));
    return this;
  }

  /**
   * Graph refuses every read, as when the auditor holds no Graph permission. A batch itself is
   * accepted, as Graph accepts it: each request in it is refused.
   */
  FakeAzure stubGraphForbidden() {
    server.stubFor(get(urlPathMatching("/v1.0/.*")).atPriority(1).willReturn(json(403, "graph/error-forbidden.json")));
    server.stubFor(post(urlPathMatching("/v1.0/directoryObjects/.*")).atPriority(1)
        .willReturn(json(403, "graph/error-forbidden.json")));
    return this;
  }

  /** Graph resolves principals but refuses group members, as without GroupMember.Read.All. */
  FakeAzure stubGroupMembersForbidden() {
    server.stubFor(get(urlPathMatching("/v1.0/groups/.*")).atPriority(1).willReturn(json(403, "graph/error-forbidden.json")));
    return this;
  }

  void arm(com.github.tomakehurst.wiremock.matching.UrlPattern url, int status, String fixture, int priority) {
    server.stubFor(get(url).atPriority(priority).willReturn(json(status, fixture)));
  }

  private void once(com.github.tomakehurst.wiremock.matching.UrlPattern url, String scenario,
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first, String then) {
    server.stubFor(get(url).atPriority(5).inScenario(scenario).whenScenarioStateIs(STARTED)
        .willReturn(first).willSetStateTo("retried"));
    server.stubFor(get(url).atPriority(5).inScenario(scenario).whenScenarioStateIs("retried")
        .willReturn(json(200, then)));
  }

  /** ARM paths arrive with one or two leading slashes (the SDK joins {@code /{scope}} verbatim). */
  static com.github.tomakehurst.wiremock.matching.UrlPattern path(String resourcePath) {
    return urlPathMatching("/+" + resourcePath.substring(1));
  }

  static com.github.tomakehurst.wiremock.matching.UrlPattern path(String subscription, String suffix) {
    return path("/subscriptions/" + subscription + suffix);
  }

  com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String fixture) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(fixture(fixture));
  }

  String fixture(String name) {
    try (InputStream in = FakeAzure.class.getClassLoader().getResourceAsStream("fake-azure/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{base}}", base());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resourcePath(String name) {
    try {
      return Path.of(FakeAzure.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }

}
