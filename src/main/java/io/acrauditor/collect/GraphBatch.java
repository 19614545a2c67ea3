package io.acrauditor.collect;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Microsoft Graph JSON batching ({@code POST /v1.0/$batch}): up to {@link #MAX_REQUESTS} GETs in
 * one HTTP request, each answered on its own ({@code {"responses":[{"id","status","headers",
 * "body"}]}}), in any order.
 *
 * <p>Graph throttles the sub-requests, not the batch: a throttled item comes back as a 429 with
 * its own {@code Retry-After} inside a 200 answer, where the pipeline's retry policy cannot see
 * it. Such items (and those failing with the statuses azure-core retries) are sent again, alone,
 * after the longest wait any of them asks for, up to the run's retry budget.
 *
 * <p>Only GETs are ever put in a batch, and {@link Pipelines.ReadOnlyPolicy} checks every batch
 * body with {@link #onlyGets} before it leaves the process.
 */
final class GraphBatch {

  /** Graph's limit of requests in one batch. */
  static final int MAX_REQUESTS = 20;

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Duration MAX_WAIT = Duration.ofSeconds(60);
  /** The statuses azure-core's RetryPolicy retries; the same budget applies inside a batch. */
  private static final Set<Integer> RETRIED = Set.of(408, 429, 500, 502, 503, 504);

  private final HttpPipeline pipeline;
  private final String graphEndpoint;
  private final int maxRetries;
  private final Duration retryDelay;

  /** {@code graphEndpoint} ends with a slash; sub-request URLs are relative to its {@code v1.0/}. */
  GraphBatch(HttpPipeline pipeline, String graphEndpoint, int maxRetries, Duration retryDelay) {
    this.pipeline = pipeline;
    this.graphEndpoint = graphEndpoint;
    this.maxRetries = maxRetries;
    this.retryDelay = retryDelay;
  }

  /**
   * One answer per URL, in the order given: the final one, after retries. A failed item is an
   * answer like any other; only a failed batch request throws.
   *
   * @param urls paths relative to the version, such as {@code /servicePrincipals/{id}?$select=...}
   * @throws HttpResponseException when Graph refuses the batch as a whole
   */
  List<HttpResponse> get(List<String> urls) {
    if (urls.size() > MAX_REQUESTS) {
      throw new IllegalArgumentException("At most " + MAX_REQUESTS + " requests per batch, not " + urls.size());
    }
    HttpResponse[] answers = new HttpResponse[urls.size()];
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      pending.add(i);
    }
    for (int attempt = 0; !pending.isEmpty(); attempt++) {
      Map<String, JsonNode> replies = send(urls, pending);
      List<Integer> again = new ArrayList<>();
      Duration wait = Duration.ZERO;
      for (int i : pending) {
        JsonNode reply = replies.get(String.valueOf(i));
        if (reply == null) {
          throw new IllegalStateException("Graph's batch answer has no reply to request " + i);
        }
        HttpResponse answer = answer(urls.get(i), reply);
        if (RETRIED.contains(answer.getStatusCode()) && attempt < maxRetries) {
          again.add(i);
          wait = max(wait, delay(answer, attempt));
        } else {
          answers[i] = answer;
        }
      }
      pending = again;
      if (!pending.isEmpty()) {
        sleep(wait);
      }
    }
    return List.of(answers);
  }

  /** The replies to the items at {@code indexes}, by their batch id (the index as text). */
  private Map<String, JsonNode> send(List<String> urls, List<Integer> indexes) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode requests = body.putArray("requests");
    for (int i : indexes) {
      requests.addObject().put("id", String.valueOf(i)).put("method", "GET").put("url", urls.get(i));
    }
    HttpRequest request = new HttpRequest(HttpMethod.POST, graphEndpoint + "v1.0/$batch")
        .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
        .setBody(JSON.writeValueAsBytes(body));
    try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
      int status = response.getStatusCode();
      if (status / 100 != 2) {
        // Graph error bodies are {"error":{"code","message",...}}: no principal data in them.
        throw new HttpResponseException("Graph answered " + status + ": " + response.getBodyAsString().block(),
            response);
      }
      Map<String, JsonNode> byId = new java.util.HashMap<>();
      for (JsonNode reply : JSON.readTree(response.getBodyAsBinaryData().toBytes()).path("responses")) {
        byId.put(reply.path("id").asString(""), reply);
      }
      return byId;
    }
  }

  /** The sub-response as azure-core sees responses, so that a refused item is reported as any refusal is. */
  private HttpResponse answer(String url, JsonNode reply) {
    HttpHeaders headers = new HttpHeaders();
    reply.path("headers").properties().forEach(h -> headers.set(HttpHeaderName.fromString(h.getKey()),
        h.getValue().asString("")));
    JsonNode body = reply.get("body");
    byte[] bytes = body == null || body.isNull() ? new byte[0] : JSON.writeValueAsBytes(body);
    return new Item(new HttpRequest(HttpMethod.GET, graphEndpoint + "v1.0" + url), reply.path("status").asInt(0),
        headers, bytes);
  }

  /** Retry-After in whole seconds as Graph sends it; otherwise the run's exponential backoff. */
  private Duration delay(HttpResponse answer, int attempt) {
    String retryAfter = answer.getHeaderValue(HttpHeaderName.RETRY_AFTER);
    if (retryAfter != null) {
      try {
        return min(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))), MAX_WAIT);
      } catch (NumberFormatException e) {
        // An HTTP date: Graph does not send one; fall back to the backoff.
      }
    }
    return min(retryDelay.multipliedBy(1L << Math.min(attempt, 16)), MAX_WAIT);
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectionException("Collection was interrupted", null, e);
    }
  }

  /**
   * True when {@code body} is a batch whose every request is a GET without a body. Anything that
   * cannot be read as such a batch is false: the policy refuses what it cannot check.
   */
  static boolean onlyGets(BinaryData body) {
    if (body == null) {
      return false;
    }
    try {
      JsonNode requests = JSON.readTree(body.toBytes()).get("requests");
      if (requests == null || !requests.isArray() || requests.isEmpty()) {
        return false;
      }
      Set<String> ids = new HashSet<>();
      for (JsonNode r : requests) {
        JsonNode method = r.get("method");
        if (method == null || !method.isString() || !"GET".equals(method.asString().toUpperCase(Locale.ROOT))
            || r.has("body")) {
          return false;
        }
        ids.add(r.path("id").asString(""));
      }
      return ids.size() == requests.size();
    } catch (JacksonException | IllegalStateException e) {
      return false;
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** One sub-response, held in memory. */
  private static final class Item extends HttpResponse {
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    Item(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
      super(request);
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
      return headers.getValue(HttpHeaderName.fromString(name));
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
      return Flux.just(ByteBuffer.wrap(body));
    }

    @Override
    public BinaryData getBodyAsBinaryData() {
      return BinaryData.fromBytes(body);
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
      return Mono.just(body);
    }

    @Override
    public Mono<String> getBodyAsString() {
      return getBodyAsString(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
      return Mono.just(new String(body, charset));
    }
  }
}
