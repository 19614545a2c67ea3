package io.acrauditor.collect;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.acrauditor.inventory.AzureIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake's Resource Graph: answers {@code POST /providers/Microsoft.ResourceGraph/resources}
 * with the fixture under {@code fake-azure/arg/} that fits the query's table and type, keeping only
 * the rows of the subscriptions the request names (as the service does; a tenant-scoped request
 * names none and gets every row) and, where the query filters on the scope, the rows it keeps
 * ({@link FakeKql}). Role assignments come in two pages joined by {@code $skipToken}.
 */
final class ResourceGraphPages implements ResponseDefinitionTransformerV2 {

  static final String NAME = "resource-graph-pages";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Function<String, String> fixtures;

  ResourceGraphPages(Function<String, String> fixtures) {
    this.fixtures = fixtures;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    JsonNode request = JSON.readTree(serveEvent.getRequest().getBodyAsString());
    String query = request.path("query").asString("").toLowerCase(Locale.ROOT);
    String skipToken = request.path("options").path("$skipToken").asString(null);
    String fixture;
    if (query.startsWith("resourcecontainers")) {
      fixture = "arg/subscriptions.json";
    } else if (query.contains("'microsoft.containerregistry/registries'")) {
      fixture = "arg/registries.json";
    } else if (query.contains("'microsoft.containerservice/managedclusters'")) {
      fixture = "arg/clusters.json";
    } else if (query.contains("'microsoft.authorization/roleassignments'")) {
      fixture = skipToken == null ? "arg/roleassignments-page1.json" : "arg/roleassignments-page2.json";
    } else if (query.contains("'microsoft.authorization/roledefinitions'")) {
      fixture = "arg/roledefinitions.json";
    } else {
      return respond(400, fixtures.apply("arg/error-bad-request.json"));
    }
    Predicate<String> scopeFilter;
    try {
      scopeFilter = FakeKql.scopeFilter(request.path("query").asString(""));
    } catch (IllegalArgumentException e) {
      return respond(400, fixtures.apply("arg/error-bad-request.json"));
    }
    ObjectNode page = (ObjectNode) JSON.readTree(fixtures.apply(fixture));
    Set<String> subscriptions = new HashSet<>();
    if (request.has("subscriptions")) {
      request.get("subscriptions").forEach(s -> subscriptions.add(s.asString().toLowerCase(Locale.ROOT)));
    }
    List<JsonNode> kept = new ArrayList<>();
    for (JsonNode row : page.get("data")) {
      String subscription = row.has("subscriptionId") ? row.get("subscriptionId").asString()
          : AzureIds.subscriptionOf(row.path("id").asString(null));
      boolean inScope = !request.has("subscriptions") || subscription == null
          || subscriptions.contains(subscription.toLowerCase(Locale.ROOT));
      // The fixtures hold rows as projected: properties.scope is the scope column.
      if (inScope && scopeFilter.test(row.path("scope").asString(null))) {
        kept.add(row);
      }
    }
    ArrayNode data = page.putArray("data");
    kept.forEach(data::add);
    page.put("count", kept.size());
    return respond(200, JSON.writeValueAsString(page));
  }

  private static ResponseDefinition respond(int status, String body) {
    return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body)
        .build();
  }
}
