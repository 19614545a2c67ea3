package io.acrauditor.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.acrauditor.collect.FakeAzureTls;
import io.acrauditor.collect.FakeKql;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The synthetic estate behind a local HTTPS endpoint (127.0.0.1 only) that answers as Entra ID,
 * ARM, Azure Resource Graph, Microsoft Graph (with JSON {@code $batch}) and Log Analytics do,
 * page by page, generating each page when it is asked for. Resource Graph applies the query's
 * filter on role assignment scopes ({@link FakeKql}); ARM lists every assignment, as ARM does.
 *
 * <p>Every request waits a fixed latency before it is answered (a round trip to Azure), and reads
 * are throttled the way the services do it: ARM per subscription with a token bucket (Azure's
 * documented default for subscription reads: 250 requests, refilled at 25 a second), requests
 * outside a subscription in one tenant bucket of the same size, and Resource Graph per user with
 * a quota of 15 queries in each 5-second window. A throttled request gets 429 with {@code
 * Retry-After} in whole seconds, as Azure sends it.
 */
final class FakeAzureEstateServer implements AutoCloseable {

  static final String KEYSTORE = FakeAzureTls.KEYSTORE;
  static final char[] KEYSTORE_PASSWORD = FakeAzureTls.KEYSTORE_PASSWORD;

  /** Throttling and latency; all configurable from the command line. */
  record Limits(long latencyMillis, int armBucket, double armRefillPerSecond, int argQuota, long argWindowMillis,
      int armPageSize) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern REGISTRY_CHILD = Pattern.compile(
      "/subscriptions/([^/]+)/resourceGroups/[^/]+/providers/Microsoft.ContainerRegistry/registries/acr(\\d+)/(.+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SUBSCRIPTION_PATH = Pattern.compile("/subscriptions/([^/]+)(/.*)?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern PROJECTED = Pattern.compile("(\\w+) = properties\\.(\\w+)");
  private static final Pattern IN_NAMES = Pattern.compile("'([0-9a-fA-F-]{36})'");

  private final EstateGenerator estate;
  private final Limits limits;
  private final HttpsServer server;
  private final ExecutorService executor;
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();
  private final Map<String, TokenBucket> armBuckets = new ConcurrentHashMap<>();
  private final java.util.Set<Integer> connections = ConcurrentHashMap.newKeySet();
  private final Map<String, int[][]> keptAssignments = new ConcurrentHashMap<>();
  private final Object argLock = new Object();
  private long argWindowStart;
  private int argUsed;

  FakeAzureEstateServer(EstateGenerator estate, Limits limits) throws IOException, GeneralSecurityException {
    this.estate = estate;
    this.limits = limits;
    // Without TCP_NODELAY the server's separate header and body writes meet the client's delayed
    // ACK, and every exchange stalls for tens of milliseconds that Azure would not add.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setHttpsConfigurator(new HttpsConfigurator(sslContext()));
    // Latency is a sleep inside the handler, so the pool must outnumber the client's concurrency.
    executor = Executors.newFixedThreadPool(96, r -> {
      Thread t = new Thread(r, "fake-azure");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  private static SSLContext sslContext() throws IOException, GeneralSecurityException {
    try (InputStream in = FakeAzureEstateServer.class.getClassLoader().getResourceAsStream(KEYSTORE)) {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(in, KEYSTORE_PASSWORD);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, KEYSTORE_PASSWORD);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(kmf.getKeyManagers(), null, null);
      return ssl;
    }
  }

  String base() {
    return "https://localhost:" + server.getAddress().getPort();
  }

  /** Requests by kind since the last reset (kind → count), and how many of them got 429. */
  Map<String, Long> requests() {
    Map<String, Long> out = new TreeMap<>();
    requests.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  Map<String, Long> throttled() {
    Map<String, Long> out = new TreeMap<>();
    throttled.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** TCP connections (client ports) seen since the last reset: TLS handshakes, roughly. */
  int connections() {
    return connections.size();
  }

  /** Counters and budgets back to zero and full, so each run starts from a rested Azure. */
  void reset() {
    requests.clear();
    throttled.clear();
    connections.clear();
    armBuckets.clear();
    synchronized (argLock) {
      argUsed = 0;
      argWindowStart = 0;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      // The SDK sends role definition reads as //subscriptions/..., which URI parsing takes for an
      // authority: put it back in front of the path.
      URI uri = exchange.getRequestURI();
      String raw = (uri.getRawAuthority() == null ? "" : "/" + uri.getRawAuthority()) + uri.getRawPath();
      String path = raw.replaceFirst("^/+", "/");
      String query = exchange.getRequestURI().getRawQuery();
      byte[] body = exchange.getRequestBody().readAllBytes();
      connections.add(exchange.getRemoteAddress().getPort());
      sleep(limits.latencyMillis());
      Answer answer;
      try {
        answer = route(method, path, query == null ? "" : query, new String(body, StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        answer = new Answer("error", 500, error("InternalServerError", String.valueOf(e)), null);
      }
      count(requests, answer.kind);
      if (answer.status == 429) {
        count(throttled, answer.kind);
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
      if (answer.retryAfterSeconds != null) {
        exchange.getResponseHeaders().add("Retry-After", String.valueOf(answer.retryAfterSeconds));
      }
      byte[] out = answer.body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status, out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    }
  }

  private record Answer(String kind, int status, String body, Long retryAfterSeconds) {}

  private Answer route(String method, String path, String query, String body) {
    if (method.equals("POST") && path.endsWith("/oauth2/v2.0/token")) {
      return ok("Entra token", Map.of("token_type", "Bearer", "expires_in", 3599, "ext_expires_in", 3599,
          "access_token", "fake-access-token-for-benchmarks"));
    }
    if (path.startsWith("/v1.0/")) {
      return graph(method, path, body);
    }
    if (method.equals("POST") && path.endsWith("/query")) {
      return logs(path, body);
    }
    if (method.equals("POST") && path.equalsIgnoreCase("/providers/Microsoft.ResourceGraph/resources")) {
      return resourceGraph(body);
    }
    if (!method.equals("GET")) {
      return new Answer("refused", 405, error("MethodNotAllowed", method + " " + path), null);
    }
    return arm(path, query);
  }

  // ---- ARM ----

  private Answer arm(String path, String query) {
    Matcher sub = SUBSCRIPTION_PATH.matcher(path);
    String bucketKey = sub.matches() ? sub.group(1).toLowerCase() : "tenant";
    String kind = armKind(path);
    long waitMillis = armBuckets.computeIfAbsent(bucketKey, k -> new TokenBucket(limits.armBucket(),
        limits.armRefillPerSecond())).take();
    if (waitMillis > 0) {
      return new Answer(kind, 429, error("TooManyRequests", "The request is being throttled as the limit has been "
          + "reached for operation type - Read. For more information, refer to - https://aka.ms/srpthrottlinglimits"),
          Math.max(1, (waitMillis + 999) / 1000));
    }
    if (path.equalsIgnoreCase("/subscriptions")) {
      return page(kind, range(estate.subscriptionIds.length, estate::subscription), query, path);
    }
    if (!sub.matches()) {
      return notFound(kind, path);
    }
    Integer s = estate.subscriptionIndex.get(sub.group(1).toLowerCase());
    String rest = sub.group(2) == null ? "" : sub.group(2);
    if (s == null) {
      return notFound(kind, path);
    }
    Matcher child = REGISTRY_CHILD.matcher(path);
    if (child.matches()) {
      int r = Integer.parseInt(child.group(2));
      String what = child.group(3).toLowerCase();
      if (r >= estate.size.registries()) {
        return notFound(kind, path);
      }
      return switch (what) {
        case "tokens" -> list(kind, estate.tokens(r));
        case "scopemaps" -> list(kind, estate.scopeMaps(r));
        case "providers/microsoft.insights/diagnosticsettings" -> list(kind, estate.diagnosticSettings(r));
        default -> notFound(kind, path);
      };
    }
    switch (rest.toLowerCase()) {
      case "" -> {
        return ok(kind, estate.subscription(s));
      }
      case "/providers/microsoft.containerregistry/registries" -> {
        int[] ids = estate.registriesBySubscription[s];
        return page(kind, range(ids.length, i -> estate.registry(ids[i])), query, path);
      }
      case "/providers/microsoft.containerservice/managedclusters" -> {
        int[] ids = estate.clustersBySubscription[s];
        return page(kind, range(ids.length, i -> estate.cluster(s, ids[i])), query, path);
      }
      case "/providers/microsoft.authorization/roleassignments" -> {
        List<Map<String, Object>> all = new ArrayList<>();
        String subscriptionScope = "/subscriptions/" + estate.subscriptionIds[s];
        boolean atScope = decode(query).contains("$filter=atScope()");
        for (int k = 0; k < estate.assignmentCount(s); k++) {
          if (atScope && !estate.isAtSubscription(s, k)) {
            continue;
          }
          Map<String, Object> a = estate.assignment(s, k);
          if (!atScope || subscriptionScope.equalsIgnoreCase(scopeOf(a))) {
            all.add(a);
          }
        }
        all.addAll(estate.inheritedAssignments(s));
        return page(kind, all, query, path);
      }
      default -> {
        String prefix = "/providers/microsoft.authorization/roledefinitions/";
        if (rest.toLowerCase().startsWith(prefix)) {
          String guid = rest.substring(prefix.length());
          Map<String, Object> d = estate.roleDefinition(path, guid);
          return d == null ? notFound(kind, path) : ok(kind, d);
        }
        return notFound(kind, path);
      }
    }
  }

  static String armKind(String path) {
    String p = path.toLowerCase();
    if (p.endsWith("/tokens")) {
      return "ARM tokens";
    }
    if (p.endsWith("/scopemaps")) {
      return "ARM scope maps";
    }
    if (p.endsWith("/diagnosticsettings")) {
      return "ARM diagnostic settings";
    }
    if (p.endsWith("/microsoft.containerregistry/registries")) {
      return "ARM list registries";
    }
    if (p.endsWith("/managedclusters")) {
      return "ARM clusters";
    }
    if (p.endsWith("/roleassignments")) {
      return "ARM role assignments";
    }
    if (p.contains("/roledefinitions/")) {
      return "ARM role definitions";
    }
    return "ARM subscriptions";
  }

  @SuppressWarnings("unchecked")
  private static String scopeOf(Map<String, Object> assignment) {
    return (String) ((Map<String, Object>) assignment.get("properties")).get("scope");
  }

  /** One page of an ARM list: {@code value} and a {@code nextLink} that carries the api-version. */
  private Answer page(String kind, List<Map<String, Object>> all, String query, String path) {
    String decoded = decode(query);
    Matcher m = Pattern.compile("\\$skiptoken=(\\d+)", Pattern.CASE_INSENSITIVE).matcher(decoded);
    int from = m.find() ? Integer.parseInt(m.group(1)) : 0;
    int to = Math.min(all.size(), from + limits.armPageSize());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("value", all.subList(from, to));
    if (to < all.size()) {
      String apiVersion = decoded.replaceAll(".*api-version=([^&]+).*", "$1");
      String filter = decoded.contains("$filter=atScope()") ? "&%24filter=atScope%28%29" : "";
      body.put("nextLink", base() + path + "?api-version=" + apiVersion + filter + "&%24skiptoken=" + to);
    }
    return ok(kind, body);
  }

  private Answer list(String kind, List<Map<String, Object>> items) {
    return ok(kind, Map.of("value", items));
  }

  // ---- Resource Graph ----

  private Answer resourceGraph(String body) {
    String kind = "ARG queries";
    long waitMillis;
    synchronized (argLock) {
      long now = System.currentTimeMillis();
      if (now - argWindowStart >= limits.argWindowMillis()) {
        argWindowStart = now;
        argUsed = 0;
      }
      waitMillis = argUsed < limits.argQuota() ? 0 : argWindowStart + limits.argWindowMillis() - now;
      if (waitMillis == 0) {
        argUsed++;
      }
    }
    if (waitMillis > 0) {
      return new Answer(kind, 429, error("RateLimiting", "Please provide below info when asking for support: "
          + "the request was throttled."), Math.max(1, (waitMillis + 999) / 1000));
    }
    JsonNode request = JSON.readTree(body);
    String kql = request.path("query").asString("");
    List<Integer> subscriptions = new ArrayList<>();
    if (request.has("subscriptions")) {
      if (request.get("subscriptions").size() > 1000) {
        return new Answer(kind, 400, error("BadRequest", "Too many subscriptions"), null);
      }
      for (JsonNode s : request.get("subscriptions")) {
        Integer index = estate.subscriptionIndex.get(s.asString().toLowerCase());
        if (index != null) {
          subscriptions.add(index);
        }
      }
    } else {
      for (int s = 0; s < estate.subscriptionIds.length; s++) {
        subscriptions.add(s);
      }
    }
    int top = Math.min(1000, request.path("options").path("$top").asInt(100));
    String token = request.path("options").path("$skipToken").asString(null);
    int from = token == null ? 0 : Integer.parseInt(token);
    String lower = kql.toLowerCase();
    Rows rows;
    if (lower.startsWith("resourcecontainers")) {
      rows = new Rows(subscriptions.size(), i -> estate.subscription(subscriptions.get(i)));
    } else if (lower.contains("'microsoft.containerregistry/registries'")) {
      rows = concat(subscriptions, s -> estate.registriesBySubscription[s].length,
          (s, i) -> estate.registry(estate.registriesBySubscription[s][i]));
    } else if (lower.contains("'microsoft.containerservice/managedclusters'")) {
      rows = concat(subscriptions, s -> estate.clustersBySubscription[s].length,
          (s, i) -> estate.cluster(s, estate.clustersBySubscription[s][i]));
    } else if (lower.contains("'microsoft.authorization/roleassignments'")) {
      int[][] kept;
      try {
        kept = keptAssignments(kql);
      } catch (IllegalArgumentException e) {
        return new Answer(kind, 400, error("BadRequest", "Query is invalid: " + e.getMessage()), null);
      }
      rows = concat(subscriptions, s -> kept[s].length,
          (s, i) -> asResourceGraphStores(estate.assignment(s, kept[s][i])));
    } else if (lower.contains("'microsoft.authorization/roledefinitions'")) {
      List<Map<String, Object>> found = new ArrayList<>();
      Matcher names = IN_NAMES.matcher(kql);
      while (names.find()) {
        String guid = names.group(1).toLowerCase();
        String id = estate.isBuiltIn(guid) ? "/providers/Microsoft.Authorization/RoleDefinitions/" + guid
            : EstateGenerator.MANAGEMENT_GROUP + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
        Map<String, Object> d = estate.roleDefinition(id, guid);
        if (d != null) {
          found.add(d);
        }
      }
      rows = new Rows(found.size(), found::get);
    } else {
      return new Answer(kind, 400, error("BadRequest", "Query is invalid"), null);
    }
    List<Map<String, Object>> data = new ArrayList<>();
    int to = Math.min(rows.count, from + top);
    for (int i = from; i < to; i++) {
      data.add(project(rows.row.apply(i), kql));
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("totalRecords", rows.count);
    response.put("count", data.size());
    response.put("data", data);
    response.put("facets", List.of());
    response.put("resultTruncated", "false");
    if (to < rows.count) {
      response.put("$skipToken", String.valueOf(to));
    }
    return ok(kind, response);
  }

  private record Rows(int count, java.util.function.IntFunction<Map<String, Object>> row) {}

  /**
   * Per subscription, the indexes of the assignments the query's scope filter keeps ({@link
   * FakeKql}), worked out once per query text: a page is then addressed by offset as without one.
   */
  private int[][] keptAssignments(String kql) {
    return keptAssignments.computeIfAbsent(kql, k -> {
      java.util.function.Predicate<String> keep = FakeKql.scopeFilter(k);
      int[][] kept = new int[estate.subscriptionIds.length][];
      for (int s = 0; s < kept.length; s++) {
        int sub = s;
        kept[s] = java.util.stream.IntStream.range(0, estate.assignmentCount(s))
            .filter(i -> keep.test(scopeOf(estate.assignment(sub, i)))).toArray();
      }
      return kept;
    });
  }

  /** Rows of several subscriptions in request order, addressed by one running offset. */
  private static Rows concat(List<Integer> subscriptions, java.util.function.IntUnaryOperator count,
      java.util.function.BiFunction<Integer, Integer, Map<String, Object>> row) {
    int[] start = new int[subscriptions.size() + 1];
    for (int i = 0; i < subscriptions.size(); i++) {
      start[i + 1] = start[i] + count.applyAsInt(subscriptions.get(i));
    }
    return new Rows(start[subscriptions.size()], offset -> {
      int lo = 0;
      int hi = subscriptions.size() - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (start[mid] <= offset) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return row.apply(subscriptions.get(lo), offset - start[lo]);
    });
  }

  /**
   * An assignment as Resource Graph holds it: the provider segments of its id lower-cased and a
   * built-in role named at the tenant rather than under the subscription.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> asResourceGraphStores(Map<String, Object> arm) {
    Map<String, Object> copy = new LinkedHashMap<>(arm);
    Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) arm.get("properties"));
    String definition = (String) properties.get("roleDefinitionId");
    String guid = definition.substring(definition.lastIndexOf('/') + 1);
    if (estate.isBuiltIn(guid)) {
      properties.put("roleDefinitionId", "/providers/Microsoft.Authorization/RoleDefinitions/" + guid);
    }
    copy.put("properties", properties);
    copy.put("id", ((String) arm.get("id")).replace("/providers/Microsoft.Authorization/roleAssignments/",
        "/providers/microsoft.authorization/roleassignments/"));
    return copy;
  }

  /** The query's {@code project}: plain columns as they are, {@code x = properties.y} from properties. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> project(Map<String, Object> resource, String kql) {
    String projection = kql.substring(kql.lastIndexOf("| project") + "| project".length());
    Map<String, Object> properties = resource.get("properties") instanceof Map<?, ?> p
        ? (Map<String, Object>) p : (Map<String, Object>) (Map<?, ?>) resource;
    Map<String, Object> row = new LinkedHashMap<>();
    for (String column : projection.split(",")) {
      String c = column.trim();
      Matcher m = PROJECTED.matcher(c);
      if (m.matches()) {
        row.put(m.group(1), properties.get(m.group(2)));
      } else {
        row.put(c, resource.get(c));
      }
    }
    return row;
  }

  // ---- Microsoft Graph and Log Analytics ----

  private Answer graph(String method, String path, String body) {
    if (method.equals("POST") && path.equals("/v1.0/$batch")) {
      return batch(body);
    }
    if (method.equals("GET") && path.startsWith("/v1.0/servicePrincipals/")) {
      return ok("Graph", estate.servicePrincipal(path.substring("/v1.0/servicePrincipals/".length())));
    }
    if (method.equals("POST") && path.equals("/v1.0/directoryObjects/getByIds")) {
      List<Map<String, Object>> found = new ArrayList<>();
      for (JsonNode id : JSON.readTree(body).path("ids")) {
        found.add(Map.of("@odata.type", "#microsoft.graph." + (id.asString().hashCode() % 4 == 0 ? "group" : "user"),
            "id", id.asString(), "displayName", "principal-" + id.asString().substring(0, 8)));
      }
      return ok("Graph", Map.of("value", found));
    }
    return notFound("Graph", path);
  }

  /**
   * Graph JSON batching: each GET in the body answered as on its own, wrapped as Graph wraps it
   * ({@code {"responses":[{"id","status","headers","body"}]}}). One request, counted once.
   */
  private Answer batch(String body) {
    JsonNode requests = JSON.readTree(body).path("requests");
    if (!requests.isArray() || requests.isEmpty() || requests.size() > 20) {
      return new Answer("Graph", 400, error("BadRequest", "A batch holds between 1 and 20 requests."), null);
    }
    List<Map<String, Object>> responses = new ArrayList<>();
    for (JsonNode r : requests) {
      if (!r.path("method").asString("").equalsIgnoreCase("GET")) {
        return new Answer("Graph", 400, error("BadRequest", "The fake Graph serves reads only."), null);
      }
      String url = r.path("url").asString("");
      String itemPath = "/v1.0" + (url.contains("?") ? url.substring(0, url.indexOf('?')) : url);
      Answer item = graph("GET", itemPath, "");
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("id", r.path("id").asString(""));
      reply.put("status", item.status);
      reply.put("headers", Map.of("Content-Type", "application/json"));
      reply.put("body", JSON.readTree(item.body));
      responses.add(reply);
    }
    return ok("Graph", Map.of("responses", responses));
  }

  private Answer logs(String path, String body) {
    String workspace = path.substring(0, path.length() - "/query".length());
    String kql = JSON.readTree(body).path("query").asString("");
    if (kql.contains("KubeEvents") && !kql.contains("ContainerRegistry")) {
      return ok("Log Analytics", Map.of("tables", List.of(Map.of("name", "PrimaryResult",
          "columns", columns("ClusterId:string", "Namespace:string", "Image:string", "Reason:string", "Failures:long",
              "LastSeen:datetime", "MessageSample:string"),
          "rows", List.of()))));
    }
    return ok("Log Analytics", Map.of("tables", List.of(Map.of("name", "PrimaryResult",
        "columns", columns("ResourceId:string", "LoginServer:string", "Identity:string", "Pulls:long", "Pushes:long",
            "Deletes:long", "FailedLogins:long", "DistinctCallerIps:long", "CallerIpAddresses:dynamic",
            "UserAgents:dynamic", "Repositories:dynamic", "FirstSeen:datetime", "LastSeen:datetime"),
        "rows", estate.activityRows(workspace)))));
  }

  private static List<Map<String, String>> columns(String... specs) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String spec : specs) {
      String[] parts = spec.split(":");
      out.add(Map.of("name", parts[0], "type", parts[1]));
    }
    return out;
  }

  // ---- helpers ----

  private static List<Map<String, Object>> range(int n, java.util.function.IntFunction<Map<String, Object>> f) {
    List<Map<String, Object>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(f.apply(i));
    }
    return out;
  }

  private static Answer ok(String kind, Object body) {
    return new Answer(kind, 200, JSON.writeValueAsString(body), null);
  }

  private static Answer notFound(String kind, String path) {
    return new Answer(kind, 404, error("NotFound", "No such thing in the synthetic estate: " + path), null);
  }

  private static String error(String code, String message) {
    return JSON.writeValueAsString(Map.of("error", Map.of("code", code, "message", message)));
  }

  private static String decode(String query) {
    return URLDecoder.decode(query, StandardCharsets.UTF_8);
  }

  private static void count(Map<String, LongAdder> counters, String kind) {
    counters.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** ARM's token bucket: {@code capacity} reads, refilled continuously. */
  static final class TokenBucket {
    private final double capacity;
    private final double refillPerMilli;
    private double tokens;
    private long last = System.nanoTime();

    TokenBucket(int capacity, double refillPerSecond) {
      this.capacity = capacity;
      this.refillPerMilli = refillPerSecond / 1000.0;
      this.tokens = capacity;
    }

    /** 0 when a read may go ahead now; otherwise how many milliseconds until one may. */
    synchronized long take() {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - last) / 1_000_000.0 * refillPerMilli);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / refillPerMilli);
    }
  }
}
