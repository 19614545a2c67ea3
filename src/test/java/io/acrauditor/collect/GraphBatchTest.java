package io.acrauditor.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.acrauditor.collect.FakeAzure.ACRPROD;
import static io.acrauditor.collect.FakeAzure.CI_PIPELINE;
import static io.acrauditor.collect.FakeAzure.KUBELET;
import static io.acrauditor.collect.FakeAzure.LOG_SHIPPER;
import static io.acrauditor.collect.FakeAzure.SUB_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.Principal;
import io.acrauditor.inventory.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Service principals through Microsoft Graph JSON batching, against the fake's {@code $batch}
 * (which answers each item from the fake's own Graph stubs): twenty to a batch, per-item 404, 403
 * and 429, the first batch deciding whether Graph lets the auditor in, and the read-only policy
 * refusing a batch that holds anything but GETs.
 */
class GraphBatchTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Service principals that hold AcrPull on acrprod, beyond the fixture's. */
  private static final List<String> CLIENTS = IntStream.rangeClosed(1, 25)
      .mapToObj(i -> String.format("00000000-0000-4000-8000-0000000000%02d", i)).toList();
  private static final String THROTTLED = CLIENTS.get(0);
  private static final String DELETED = CLIENTS.get(1);
  private static final String REFUSED = CLIENTS.get(2);

  private FakeAzure fake;
  private com.azure.core.http.HttpClient httpClient;

  @BeforeEach
  void start() {
    fake = new FakeAzure().stubEstate();
    httpClient = FakeAzure.httpClient(Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void servicePrincipalsGoTwentyToABatchAndEachAnswerCountsOnItsOwn() {
    withClientAssignments();
    fake.server.stubFor(get(urlPathMatching("/v1.0/servicePrincipals/00000000-.*")).atPriority(5)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(JSON.writeValueAsString(JSON.createObjectNode().put("id", "{{request.pathSegments.[2]}}")
                .put("displayName", "client {{request.pathSegments.[2]}}").put("servicePrincipalType", "Application")
                .set("passwordCredentials", JSON.createArrayNode())))
            .withTransformers("response-template")));
    // Throttled once inside the batch, with its own Retry-After: asked again, alone, and read.
    fake.server.stubFor(get(urlPathEqualTo("/v1.0/servicePrincipals/" + THROTTLED)).atPriority(1)
        .inScenario("throttled").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
            .withHeader("Content-Type", "application/json")
            .withBody(JSON.writeValueAsString(JSON.createObjectNode().set("error", JSON.createObjectNode()
                .put("code", "TooManyRequests").put("message", "Too many requests.")))))
        .willSetStateTo("rested"));
    fake.arm(urlPathEqualTo("/v1.0/servicePrincipals/" + DELETED), 404, "graph/error-not-found.json", 1);
    fake.arm(urlPathEqualTo("/v1.0/servicePrincipals/" + REFUSED), 403, "graph/error-forbidden.json", 1);

    Snapshot snapshot = collect();

    // 25 clients, the cluster's own identity and the kubelet: 20 (and the throttled one again), then 7.
    List<List<String>> batches = batchUrls();
    assertThat(batches).extracting(List::size).containsExactly(20, 1, 7);
    assertThat(batches.get(1).get(0)).startsWith("/servicePrincipals/" + THROTTLED + "?$select=");
    assertThat(batches).flatExtracting(b -> b).allSatisfy(url -> assertThat(url).contains("?$select=id,"));
    fake.server.verify(0, getRequestedFor(urlPathMatching("/v1.0/servicePrincipals/.*"))
        .withoutHeader(GraphBatches.ITEM_HEADER));

    // The deleted one and the cluster identity (404) are simply not there; the refused one is a gap.
    assertThat(snapshot.principals()).extracting(Principal::id).contains(THROTTLED, KUBELET)
        .doesNotContain(DELETED, REFUSED, FakeAzure.CLUSTER_IDENTITY).hasSize(24);
    assertThat(snapshot.principals()).filteredOn(p -> p.id().equals(THROTTLED)).singleElement()
        .satisfies(p -> assertThat(p.displayName()).isEqualTo("client " + THROTTLED));
    assertThat(snapshot.coverage().gaps())
        .extracting(Coverage.Gap::scope, Coverage.Gap::kind, Coverage.Gap::operation, Coverage.Gap::status,
            Coverage.Gap::code)
        .containsExactly(tuple(fake.base() + "/v1.0/servicePrincipals/" + REFUSED, "graph", "read service principal",
            403, "Authorization_RequestDenied"));
  }

  @Test
  void graphForbiddenStopsAfterTheFirstBatch() {
    withClientAssignments();
    fake.stubGraphForbidden();

    Snapshot snapshot = collect();

    assertThat(batchUrls()).extracting(List::size).containsExactly(20);
    assertThat(snapshot.principals()).isEmpty();
    assertThat(snapshot.coverage().gaps())
        .extracting(Coverage.Gap::scope, Coverage.Gap::operation, Coverage.Gap::status, Coverage.Gap::code)
        .containsExactly(tuple(fake.base() + "/v1.0/servicePrincipals", "read service principals (27)", 403,
            "Authorization_RequestDenied"));
  }

  /**
   * A cluster that runs as a service principal names it by app id; it is read by that id, so it is
   * found even when the principal holds no role the inventory keeps (here: only one on a storage
   * account, which is dropped).
   */
  @Test
  void aClusterServicePrincipalIsReadByItsAppId() {
    String appId = "3e2d1c0b-0000-4000-8000-0000000005a1";
    ObjectNode clusters = (ObjectNode) JSON.readTree(fake.fixture("arm/clusters-a.json"));
    ((ObjectNode) clusters.get("value").get(0).get("properties").get("servicePrincipalProfile")).put("clientId", appId);
    fake.server.stubFor(get(FakeAzure.path(SUB_A, "/providers/Microsoft.ContainerService/managedClusters"))
        .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(JSON.writeValueAsString(clusters))));
    ObjectNode shipper = JSON.createObjectNode().put("id", LOG_SHIPPER).put("displayName", "log-shipper")
        .put("appId", appId).put("servicePrincipalType", "Application");
    fake.server.stubFor(get(urlPathMatching("/v1.0/servicePrincipals\\(appId='" + appId + "'\\)")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(JSON.writeValueAsString(shipper))));

    Snapshot snapshot = collect();

    assertThat(snapshot.roleAssignments()).noneMatch(a -> LOG_SHIPPER.equals(a.principalId()));
    assertThat(snapshot.principals()).extracting(Principal::id, Principal::appId, Principal::displayName)
        .contains(tuple(LOG_SHIPPER, appId, "log-shipper"));
    assertThat(batchUrls()).flatExtracting(b -> b)
        .contains("/servicePrincipals(appId='" + appId + "')?$select=id,displayName,appId,appOwnerOrganizationId,"
            + "servicePrincipalType,passwordCredentials,keyCredentials")
        .noneMatch(url -> url.startsWith("/servicePrincipals/" + LOG_SHIPPER));
  }

  /** The policy reads the batch before it is sent: a write inside one never reaches Graph. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"a PATCH among GETs", "a DELETE", "a GET with a body", "a GET in lower case and a POST",
      "no requests", "not JSON", "no body"})
  void aBatchWithAnythingButGetsNeverLeavesTheProcess(String batch) {
    var pipeline = Pipelines.graph(fake.credential(httpClient), httpClient, fake.options().subscription(SUB_A).build(),
        fake.options().subscription(SUB_A).build().endpoints());
    HttpRequest request = new HttpRequest(HttpMethod.POST, fake.base() + FakeAzure.GRAPH_BATCH)
        .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
    switch (batch) {
      case "a PATCH among GETs" -> request.setBody(body(requests -> {
        item(requests, "1", "GET", "/servicePrincipals/" + KUBELET);
        item(requests, "2", "PATCH", "/servicePrincipals/" + KUBELET).putObject("body").put("displayName", "x");
      }));
      case "a DELETE" ->
          request.setBody(body(requests -> item(requests, "1", "DELETE", "/servicePrincipals/" + KUBELET)));
      case "a GET with a body" -> request.setBody(body(requests ->
          item(requests, "1", "GET", "/servicePrincipals/" + KUBELET).putObject("body").put("displayName", "x")));
      case "a GET in lower case and a POST" -> request.setBody(body(requests -> {
        item(requests, "1", "get", "/servicePrincipals/" + KUBELET);
        item(requests, "2", "POST", "/servicePrincipals/" + KUBELET + "/addPassword");
      }));
      case "no requests" -> request.setBody(body(requests -> { }));
      case "not JSON" -> request.setBody("requests=GET");
      default -> { }
    }

    assertThatThrownBy(() -> pipeline.sendSync(request, Context.NONE).close())
        .hasStackTraceContaining("the auditor only reads");
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(FakeAzure.GRAPH_BATCH)));
    fake.server.verify(0, getRequestedFor(urlPathMatching("/v1.0/.*")));
  }

  @Test
  void aBatchOfGetsPasses() {
    var options = fake.options().subscription(SUB_A).build();
    var pipeline = Pipelines.graph(fake.credential(httpClient), httpClient, options, options.endpoints());
    HttpRequest request = new HttpRequest(HttpMethod.POST, fake.base() + FakeAzure.GRAPH_BATCH)
        .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
        .setBody(body(requests -> item(requests, "1", "GET", "/servicePrincipals/" + KUBELET)));

    try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
      assertThat(response.getStatusCode()).isEqualTo(200);
      JsonNode reply = JSON.readTree(response.getBodyAsString().block()).path("responses").get(0);
      assertThat(reply.path("id").asString()).isEqualTo("1");
      assertThat(reply.path("status").asInt()).isEqualTo(200);
      assertThat(reply.path("body").path("displayName").asString()).isEqualTo("aks-prod-agentpool");
    }
    assertThat(GraphBatch.onlyGets(BinaryData.fromBytes(body(requests -> {
      item(requests, "1", "GET", "/servicePrincipals/" + KUBELET);
      item(requests, "1", "GET", "/servicePrincipals/" + CI_PIPELINE);
    })))).as("duplicate ids").isFalse();
  }

  // ---- helpers

  private Snapshot collect() {
    return new AzureCollector(CollectProgress.NONE, CLOCK).collect(fake.options().subscription(SUB_A)
        .inventorySource(InventorySource.ARM).lookback(Duration.ZERO).build(), fake.credential(httpClient), httpClient);
  }

  /** Subscription A's assignments become AcrPull on acrprod for each of {@link #CLIENTS}. */
  private void withClientAssignments() {
    ObjectNode list = JSON.createObjectNode();
    ArrayNode value = list.putArray("value");
    for (int i = 0; i < CLIENTS.size(); i++) {
      String name = String.format("5e5e5e5e-0000-4000-8000-0000000000%02d", i);
      ObjectNode a = value.addObject();
      a.put("id", ACRPROD + "/providers/Microsoft.Authorization/roleAssignments/" + name)
          .put("name", name).put("type", "Microsoft.Authorization/roleAssignments");
      a.putObject("properties")
          .put("roleDefinitionId", "/subscriptions/" + SUB_A
              + "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d")
          .put("principalId", CLIENTS.get(i)).put("principalType", "ServicePrincipal").put("scope", ACRPROD);
    }
    fake.server.stubFor(get(FakeAzure.path(SUB_A, "/providers/Microsoft.Authorization/roleAssignments")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(JSON.writeValueAsString(list))));
  }

  /** The URLs in each batch that reached the fake, in the order the batches came. */
  private List<List<String>> batchUrls() {
    List<LoggedRequest> posts = fake.server.findAll(postRequestedFor(urlPathEqualTo(FakeAzure.GRAPH_BATCH)));
    posts.forEach(p -> assertThat(p.getHeader("Content-Type")).startsWith("application/json"));
    fake.server.findAll(getRequestedFor(urlPathMatching("/v1.0/.*")).withHeader(GraphBatches.ITEM_HEADER,
        matching(".+"))).forEach(item -> assertThat(item.getMethod().getName()).isEqualTo("GET"));
    return posts.stream()
        .map(p -> JSON.readTree(p.getBodyAsString()).path("requests").valueStream()
            .map(r -> r.path("url").asString()).toList())
        .toList();
  }

  private static byte[] body(Consumer<ArrayNode> requests) {
    ObjectNode batch = JSON.createObjectNode();
    requests.accept(batch.putArray("requests"));
    return JSON.writeValueAsBytes(batch);
  }

  private static ObjectNode item(ArrayNode requests, String id, String method, String url) {
    return requests.addObject().put("id", id).put("method", method).put("url", url);
  }
}
