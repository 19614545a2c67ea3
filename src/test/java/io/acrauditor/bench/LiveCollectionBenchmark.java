package io.acrauditor.bench;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.acrauditor.collect.AzureCollector;
import io.acrauditor.collect.CollectOptions;
import io.acrauditor.collect.CollectProgress;
import io.acrauditor.collect.FakeAzureTls;
import io.acrauditor.collect.InventorySource;
import io.acrauditor.inventory.Snapshot;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark of the live collection path: the same synthetic estate collected through Resource
 * Graph and through ARM from a local HTTPS fake with injected latency and Azure-like throttling;
 * prints requests by kind, 429s, wall time and the ratio, beside the targets of issue 5.
 *
 * <p>Not a test: run it with {@code ./mvnw -q -Pbench -DskipTests test-compile exec:java
 * -Dexec.args="..."} (see docs/benchmarks.md). Flags: {@code --quick}, {@code --subscriptions N},
 * {@code --registries N}, {@code --clusters N}, {@code --role-assignments N}, {@code --principals
 * N}, {@code --seed N}, {@code --latency-ms N}, {@code --concurrency N}, {@code --arm-bucket N},
 * {@code --arm-refill N}, {@code --arg-quota N}, {@code --arg-window-ms N}, {@code --only
 * graph|arm}.
 */
public final class LiveCollectionBenchmark {

  private static final List<String> KINDS = List.of("ARM subscriptions", "ARM list registries", "ARM tokens",
      "ARM scope maps", "ARM diagnostic settings", "ARM clusters", "ARM role assignments", "ARM role definitions",
      "ARG queries", "Graph", "Log Analytics");

  private LiveCollectionBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = parse(args);
    quietLogs();
    EstateGenerator.Size base = flags.containsKey("quick") ? EstateGenerator.Size.quick()
        : EstateGenerator.Size.reference();
    EstateGenerator.Size size = new EstateGenerator.Size(
        integer(flags, "subscriptions", base.subscriptions()),
        integer(flags, "registries", base.registries()),
        integer(flags, "clusters", base.clusters()),
        integer(flags, "role-assignments", base.roleAssignments()),
        integer(flags, "principals", base.principals()),
        base.maxTokensPerRegistry(), base.activityRowsPerRegistry(), base.managementGroupAssignments(),
        base.customRoles());
    long seed = Long.parseLong(flags.getOrDefault("seed", "20261123"));
    FakeAzureEstateServer.Limits limits = new FakeAzureEstateServer.Limits(
        integer(flags, "latency-ms", 30), integer(flags, "arm-bucket", 250),
        Double.parseDouble(flags.getOrDefault("arm-refill", "25")), integer(flags, "arg-quota", 15),
        integer(flags, "arg-window-ms", 5000), 1000);
    int concurrency = integer(flags, "concurrency", CollectOptions.DEFAULT_CONCURRENCY);
    List<InventorySource> sources = flags.containsKey("only") ? List.of(InventorySource.parse(flags.get("only")))
        : List.of(InventorySource.GRAPH, InventorySource.ARM);

    PrintStream out = System.out;
    out.printf(Locale.ROOT, "Estate: %,d subscriptions, %,d registries, %,d clusters, %,d role assignments, "
            + "%,d principals (seed %d)%n", size.subscriptions(), size.registries(), size.clusters(),
        size.roleAssignments(), size.principals(), seed);
    out.printf(Locale.ROOT, "Fake Azure: %d ms per request; ARM %d reads per subscription, +%.0f/s; "
            + "Resource Graph %d queries per %d ms; collector concurrency %d%n", limits.latencyMillis(),
        limits.armBucket(), limits.armRefillPerSecond(), limits.argQuota(), limits.argWindowMillis(), concurrency);

    out.printf(Locale.ROOT, "Machine: %d processors, JVM max heap %d MiB, Java %s; load average at start %.2f%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"), loadAverage());
    EstateGenerator estate = new EstateGenerator(size, seed);
    Map<InventorySource, Run> runs = new LinkedHashMap<>();
    try (FakeAzureEstateServer server = new FakeAzureEstateServer(estate, limits)) {
      HttpClient httpClient = httpClient();
      // Same instant for both runs, so that the two snapshots can be compared whole.
      Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
      // Warm-up: one subscription each way, so class loading, JIT and TLS set-up are not timed.
      for (InventorySource source : sources) {
        new AzureCollector(CollectProgress.NONE, clock).collect(options(server, estate, concurrency, source)
            .allSubscriptions(false).subscription(estate.subscriptionIds[0]).build(),
            credential(server, estate, httpClient), httpClient);
      }
      for (InventorySource source : sources) {
        server.reset();
        out.printf("Collecting through %s ...%n", source);
        Map<String, Long> phases = new java.util.concurrent.ConcurrentHashMap<>();
        long start = System.nanoTime();
        CollectProgress progress = p -> phases.putIfAbsent(p.phase(), (System.nanoTime() - start) / 1_000_000);
        CollectOptions options = options(server, estate, concurrency, source).build();
        Snapshot snapshot = new AzureCollector(progress, clock).collect(options, credential(server, estate, httpClient),
            httpClient);
        long wall = (System.nanoTime() - start) / 1_000_000;
        runs.put(source, new Run(snapshot, server.requests(), server.throttled(), wall, phases));
        out.printf(Locale.ROOT, "  %,d TCP connections; %.0f requests/s%n", server.connections(),
            runs.get(source).total() * 1000.0 / wall);
        snapshot.coverage().gaps().stream()
            .collect(java.util.stream.Collectors.groupingBy(g -> g.kind() + " / " + g.operation() + " / " + g.status()
                + " " + g.code(), java.util.TreeMap::new, java.util.stream.Collectors.counting()))
            .forEach((k, v) -> out.printf(Locale.ROOT, "  coverage gap %s: %d%n", k, v));
        snapshot.coverage().gaps().stream().limit(2).forEach(g -> out.println("  e.g. " + g));
        out.println("  phases reached (s): " + new java.util.TreeMap<>(phases).entrySet().stream()
            .sorted(Map.Entry.comparingByValue())
            .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue() / 1000.0))
            .collect(java.util.stream.Collectors.joining(", ")));
        out.printf(Locale.ROOT, "  done in %.1f s: %,d registries, %,d clusters, %,d role assignments, %,d principals,"
                + " %d coverage gaps%n", wall / 1000.0, snapshot.registries().size(), snapshot.clusters().size(),
            snapshot.roleAssignments().size(), snapshot.principals().size(), snapshot.coverage().gaps().size());
      }
    }
    print(out, size, limits, runs);
    out.printf(Locale.ROOT, "load average at end %.2f (other processes on the machine slow both paths alike)%n",
        loadAverage());
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * The SDK warns on every request that the JDK client will not set {@code Content-Length}
   * itself, and MSAL logs each token; tens of thousands of such lines would bury the figures.
   */
  private static void quietLogs() {
    System.setProperty("jdk.httpclient.allowRestrictedHeaders", "content-length");
    org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger logback) {
      logback.setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }

  private record Run(Snapshot snapshot, Map<String, Long> requests, Map<String, Long> throttled, long wallMillis,
      Map<String, Long> phases) {
    long total() {
      return requests.entrySet().stream().filter(e -> !e.getKey().equals("Entra token"))
          .mapToLong(Map.Entry::getValue).sum();
    }

    /** Requests for the inventory proper: everything but Graph, Log Analytics and tokens. */
    long inventory() {
      return requests.entrySet().stream().filter(e -> e.getKey().startsWith("ARM") || e.getKey().startsWith("ARG"))
          .mapToLong(Map.Entry::getValue).sum();
    }

    long throttledTotal() {
      return throttled.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static void print(PrintStream out, EstateGenerator.Size size, FakeAzureEstateServer.Limits limits,
      Map<InventorySource, Run> runs) {
    Run graph = runs.get(InventorySource.GRAPH);
    Run arm = runs.get(InventorySource.ARM);
    out.println();
    out.printf("%-28s %12s %12s%n", "requests by kind", "graph", "arm");
    for (String kind : KINDS) {
      out.printf(Locale.ROOT, "%-28s %12s %12s%n", kind, cell(graph, r -> r.requests.getOrDefault(kind, 0L)),
          cell(arm, r -> r.requests.getOrDefault(kind, 0L)));
    }
    out.printf(Locale.ROOT, "%-28s %12s %12s%n", "total requests", cell(graph, Run::total), cell(arm, Run::total));
    out.printf(Locale.ROOT, "%-28s %12s %12s%n", "  of which ARM + ARG", cell(graph, Run::inventory),
        cell(arm, Run::inventory));
    out.printf(Locale.ROOT, "%-28s %12s %12s%n", "429s seen", cell(graph, Run::throttledTotal),
        cell(arm, Run::throttledTotal));
    out.printf(Locale.ROOT, "%-28s %12s %12s%n", "inventory read (s)", seconds(graph, "principals"),
        seconds(arm, "principals"));
    out.printf(Locale.ROOT, "%-28s %12s %12s%n", "wall time (s)", seconds(graph, null), seconds(arm, null));
    out.println();
    boolean reference = size.equals(EstateGenerator.Size.reference());
    if (graph != null && arm != null) {
      double ratio = (double) arm.total() / graph.total();
      double inventoryRatio = (double) arm.inventory() / graph.inventory();
      out.printf(Locale.ROOT, "request ratio arm/graph: %.2fx (target >= 5x) %s%n", ratio, verdict(ratio >= 5));
      out.printf(Locale.ROOT, "  ARM+ARG requests only: %.2fx%n", inventoryRatio);
      out.printf(Locale.ROOT, "  per-subscription lists only (registries, clusters, role assignments): %.1fx%n",
          (double) (sum(arm, "ARM list registries", "ARM clusters", "ARM role assignments"))
              / Math.max(1, sum(graph, "ARM list registries", "ARM clusters", "ARM role assignments", "ARG queries")));
      out.printf(Locale.ROOT, "wall time ratio arm/graph: %.2fx%n", (double) arm.wallMillis / graph.wallMillis);
      boolean same = withoutSource(graph.snapshot).equals(withoutSource(arm.snapshot));
      out.println("snapshots equal except source.inventorySource: " + same);
    }
    if (graph != null) {
      out.printf(Locale.ROOT, "graph wall time: %.1f s at %d ms (target < 60 s on the reference estate) %s%n",
          graph.wallMillis / 1000.0, limits.latencyMillis(), verdict(graph.wallMillis < 60_000));
    }
    if (!reference) {
      out.println("(not the reference estate: targets apply to 1,000 subscriptions, 5,000 registries, "
          + "2,000 clusters, 200,000 role assignments)");
    }
  }

  private static long sum(Run run, String... kinds) {
    long total = 0;
    for (String k : kinds) {
      total += run.requests.getOrDefault(k, 0L);
    }
    return total;
  }

  private static String verdict(boolean met) {
    return met ? "MET" : "MISSED";
  }

  private static String cell(Run run, java.util.function.ToLongFunction<Run> value) {
    return run == null ? "-" : String.format(Locale.ROOT, "%,d", value.applyAsLong(run));
  }

  private static String seconds(Run run, String phase) {
    if (run == null) {
      return "-";
    }
    long millis = phase == null ? run.wallMillis : run.phases.getOrDefault(phase, run.wallMillis);
    return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
  }

  private static Snapshot withoutSource(Snapshot s) {
    return new Snapshot(s.schemaVersion(), s.generatedAt(), s.tenantId(), null, s.registries(), s.clusters(),
        s.roleAssignments(), s.roleDefinitions(), s.principals(), s.registryActivity(), s.clusterPullFailures(),
        s.coverage());
  }

  private static CollectOptions.Builder options(FakeAzureEstateServer server, EstateGenerator estate,
      int concurrency, InventorySource source) {
    return CollectOptions.builder()
        .allSubscriptions(true)
        .tenantId(estate.tenantId)
        .authorityHost(URI.create(server.base() + "/"))
        .armEndpoint(URI.create(server.base() + "/"))
        .graphEndpoint(URI.create(server.base() + "/"))
        .logAnalyticsEndpoint(URI.create(server.base()))
        .concurrency(concurrency)
        .maxRetries(8)
        .requestTimeout(Duration.ofSeconds(120))
        .inventorySource(source);
  }

  private static TokenCredential credential(FakeAzureEstateServer server, EstateGenerator estate, HttpClient client) {
    return new ClientSecretCredentialBuilder()
        .tenantId(estate.tenantId)
        .clientId("6c5b4a39-0000-4000-8000-0000000000c1")
        .clientSecret("benchmark-client-secret")
        .authorityHost(server.base() + "/")
        .disableInstanceDiscovery()
        .httpClient(client)
        .build();
  }

  /** A client that trusts the fake's certificate and nothing else. */
  private static HttpClient httpClient() {
    return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(FakeAzureTls.sslContext())
          .version(java.net.http.HttpClient.Version.HTTP_1_1))
          .connectionTimeout(Duration.ofSeconds(10))
          .responseTimeout(Duration.ofSeconds(120))
          .readTimeout(Duration.ofSeconds(120))
          .build();
  }


  private static Map<String, String> parse(String[] args) {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> list = new ArrayList<>();
    for (String a : args) {
      list.addAll(List.of(a.trim().split("\\s+")));
    }
    for (int i = 0; i < list.size(); i++) {
      String a = list.get(i);
      if (a.isEmpty()) {
        continue;
      }
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument " + a);
      }
      String name = a.substring(2);
      if (name.contains("=")) {
        flags.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
      } else if (name.equals("quick")) {
        flags.put(name, "true");
      } else {
        flags.put(name, list.get(++i));
      }
    }
    return flags;
  }

  private static int integer(Map<String, String> flags, String name, int fallback) {
    return flags.containsKey(name) ? Integer.parseInt(flags.get(name).replace("_", "").replace(",", "")) : fallback;
  }
}
