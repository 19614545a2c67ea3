package io.acrauditor.collect;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake's Microsoft Graph JSON batching: answers {@code POST /v1.0/$batch} as Graph does, with
 * {@code {"responses":[{"id","status","headers","body"}]}}, by asking the fake itself for each
 * sub-request as a plain {@code GET /v1.0/...}. So every Graph stub (a principal, a 404 for a
 * deleted one, a 403 when Graph is forbidden, a 429 scenario) answers inside a batch exactly as it
 * would on its own, and shows in the request journal with the header {@link #ITEM_HEADER} naming
 * the batch item. A batch Graph would reject (over twenty requests, a duplicate id, a method that
 * is not GET: the fake only serves reads) gets Graph's 400.
 */
final class GraphBatches implements ResponseDefinitionTransformerV2 {

  static final String NAME = "graph-batches";
  static final String ITEM_HEADER = "X-Fake-Graph-Batch-Item";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_REQUESTS = 20;

  private final Supplier<String> base;
  private final HttpClient client = HttpClient.newBuilder().sslContext(FakeAzureTls.sslContext())
      .connectTimeout(Duration.ofSeconds(5)).build();

  GraphBatches(Supplier<String> base) {
    this.base = base;
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
    JsonNode requests;
    try {
      requests = JSON.readTree(serveEvent.getRequest().getBodyAsString()).get("requests");
    } catch (JacksonException e) {
      return error(400, "BadRequest", "Invalid JSON in the batch request body.");
    }
    if (requests == null || !requests.isArray() || requests.isEmpty() || requests.size() > MAX_REQUESTS) {
      return error(400, "BadRequest", "A batch holds between 1 and " + MAX_REQUESTS + " requests.");
    }
    Set<String> ids = new HashSet<>();
    for (JsonNode r : requests) {
      if (!ids.add(r.path("id").asString(""))) {
        return error(400, "BadRequest", "Batch request ids must be unique.");
      }
      if (!"GET".equals(r.path("method").asString("").toUpperCase(Locale.ROOT))) {
        return error(400, "BadRequest", "The fake Graph serves reads only.");
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode responses = answer.putArray("responses");
    // Graph answers in any order; the client must match by id, so the fake answers back to front.
    List<JsonNode> items = requests.valueStream().toList();
    for (int i = items.size() - 1; i >= 0; i--) {
      responses.add(item(items.get(i)));
    }
    return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
        .withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(JSON.writeValueAsString(answer))
        .build();
  }

  private ObjectNode item(JsonNode request) {
    String id = request.path("id").asString("");
    ObjectNode reply = JSON.createObjectNode().put("id", id);
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base.get() + "/v1.0"
              + request.path("url").asString(""))).header(ITEM_HEADER, id).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      reply.put("status", response.statusCode());
      ObjectNode headers = reply.putObject("headers");
      response.headers().firstValue("Content-Type").ifPresent(v -> headers.put("Content-Type", v));
      response.headers().firstValue("Retry-After").ifPresent(v -> headers.put("Retry-After", v));
      if (!response.body().isEmpty()) {
        reply.set("body", JSON.readTree(response.body()));
      }
    } catch (IOException e) {
      reply.put("status", 500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply.put("status", 500);
    }
    return reply;
  }

  private static ResponseDefinition error(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(JSON.writeValueAsString(body))
        .build();
  }
}
