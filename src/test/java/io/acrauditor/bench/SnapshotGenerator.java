package io.acrauditor.bench;

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
import io.acrauditor.inventory.SnapshotJson;
import io.acrauditor.inventory.SnapshotSource;
import io.acrauditor.inventory.Token;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a synthetic inventory snapshot of a given number of rule subjects, streaming: each
 * record is built, written through one {@link JsonGenerator} and dropped, so a 1,000,000-subject
 * file costs a few kilobytes of heap (plus arrays of a few thousand ints). Deterministic for a
 * seed: every record is derived from the seed and its index, never from what was written before.
 *
 * <p>Records are the production model ({@code io.acrauditor.inventory}) written with the
 * production mapper ({@link SnapshotJson}: absent stays absent, indented like {@code collect}
 * writes), so the file is in the exact snapshot schema and {@code SnapshotReader} accepts it.
 *
 * <p>Subjects are what {@code InventoryIndex.subjects()} yields: registries, tokens, role
 * assignments that cover a registry (all generated ones do), clusters, principals and coverage
 * gaps. For N subjects: N/1000 subscriptions, N/200 registries (30% Premium, 8% in ABAC mode,
 * diagnostics on 90%), N/20 tokens, N/500 AKS clusters (kubelet identities, 3% on a service
 * principal), 14% principals (kubelets, application service principals, users, groups) and the
 * rest (~80%) role assignments at registry (most), resource group and subscription scope;
 * activity rows for tokens, kubelets, admin users and a sixth of the registry-scoped service
 * principals; pull failures on 8% of clusters; a few coverage gaps. The mix is tuned so that
 * rules fire on a few percent of subjects, as in a kept estate (findings stay in memory).
 *
 * <p>Not a test; {@code main} flags: {@code --subjects N} (default 1,000,000), {@code --quick}
 * (100,000), {@code --seed N}, {@code --file PATH} (default {@code target/bench/snapshot-N.json}).
 */
public final class SnapshotGenerator {
  static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
  static final long DEFAULT_SEED = 20261123L;

  // Built-in role GUIDs (Azure's; see src/main/resources/azure/builtin-roles.json).
  static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
  static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
  static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
  static final String USER_ACCESS_ADMIN = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
  static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
  static final String ACR_PUSH = "8311e382-0749-4cb8-b61a-304f252e45ec";
  static final String ACR_DELETE = "c2f4ef07-c644-48eb-af81-4b1b4947fb11";
  static final String REPO_READER = "b93aa761-3e63-49ed-ac28-beffa264f7ac";
  static final String REPO_WRITER = "2a1e307c-b015-4ebd-883e-5b7698a07328";
  static final String TASKS_CONTRIBUTOR = "fb382eab-e894-4461-af04-94435c366c3f";
  static final String CONFIG_READER = "69b07be0-09bf-439a-b9a6-e73de851bd59";
  private static final List<String> BUILT_IN_USED = List.of(OWNER, CONTRIBUTOR, READER, USER_ACCESS_ADMIN,
      ACR_PULL, ACR_PUSH, ACR_DELETE, REPO_READER, REPO_WRITER, TASKS_CONTRIBUTOR, CONFIG_READER);

  private static final String[] TEAMS = {"platform", "payments", "data", "web", "ml", "identity", "search",
      "retail", "logistics", "mobile", "risk", "edge"};
  private static final String[] ENVS = {"prod", "nonprod", "dev", "shared"};
  private static final String[] LOCATIONS = {"westeurope", "northeurope", "eastus2", "uksouth", "swedencentral"};
  private static final String[] FIRST = {"Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivo",
      "Jun", "Kofi", "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tove"};
  private static final String[] LAST = {"Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad",
      "Ito", "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Rossi", "Silva", "Tanaka"};
  private static final String ABAC_CONDITION = "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/"
      + "repositories/content/read'}) AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/"
      + "metadata/read'})) OR (@Resource[Microsoft.ContainerRegistry/registries/repositories:name] "
      + "StringStartsWithIgnoreCase '%s/'))";

  /** How many of each thing a snapshot of {@code subjects} subjects holds. */
  public record Plan(int subjects, int subscriptions, int registries, int tokens, int clusters, int principals,
      int gaps, int roleAssignments) {

    public static Plan of(int subjects) {
      int subscriptions = Math.max(2, Math.round(subjects / 1000f));
      int registries = Math.max(subscriptions, subjects / 200);
      int tokens = subjects / 20;
      int clusters = Math.max(2, subjects / 500);
      int principals = Math.max(clusters + 10, Math.round(subjects * 0.14f));
      int gaps = Math.max(2, subscriptions / 100 + 1);
      int assignments = subjects - registries - tokens - clusters - principals - gaps;
      if (assignments < clusters * 3) {
        throw new IllegalArgumentException("too few subjects for a realistic estate: " + subjects);
      }
      return new Plan(subjects, subscriptions, registries, tokens, clusters, principals, gaps, assignments);
    }
  }

  /** What was written. */
  public record Result(Path file, long bytes, Plan plan, long activityRows, long pullFailures, long roleDefinitions,
      long millis) {}

  private final Plan plan;
  private final long seed;
  private final String tenantId;
  private final String[] subscriptionIds;
  private final int[] tokenCount;
  private final int[] kubeletAssignmentStart;
  private final int kubeletAssignments;
  // Principal index ranges: kubelets, application service principals, users, groups.
  private final int appStart;
  private final int userStart;
  private final int groupStart;

  public SnapshotGenerator(Plan plan, long seed) {
    this.plan = plan;
    this.seed = seed;
    this.tenantId = uuid("tenant", 0);
    subscriptionIds = new String[plan.subscriptions()];
    for (int s = 0; s < subscriptionIds.length; s++) {
      subscriptionIds[s] = uuid("subscription", s);
    }
    // Tokens on 65% of registries, unevenly.
    tokenCount = new int[plan.registries()];
    double[] weight = new double[plan.registries()];
    double sum = 0;
    for (int r = 0; r < weight.length; r++) {
      SplittableRandom rnd = random("token-weight", r);
      weight[r] = rnd.nextInt(100) < 65 ? rnd.nextDouble() : 0;
      sum += weight[r];
    }
    int assigned = 0;
    for (int r = 0; r < weight.length; r++) {
      tokenCount[r] = (int) Math.floor(plan.tokens() * weight[r] / sum);
      assigned += tokenCount[r];
    }
    for (int r = 0; assigned < plan.tokens(); r = (r + 1) % weight.length) {
      if (weight[r] > 0) {
        tokenCount[r]++;
        assigned++;
      }
    }
    // Each kubelet holds AcrPull on one to three registries of its subscription.
    kubeletAssignmentStart = new int[plan.clusters() + 1];
    for (int c = 0; c < plan.clusters(); c++) {
      kubeletAssignmentStart[c + 1] = kubeletAssignmentStart[c] + (usesServicePrincipal(c) ? 0 : 1 + c % 3);
    }
    kubeletAssignments = kubeletAssignmentStart[plan.clusters()];
    int others = plan.principals() - plan.clusters();
    appStart = plan.clusters();
    userStart = appStart + (int) (others * 0.55);
    groupStart = userStart + (int) (others * 0.35);
  }

  public static void main(String[] args) {
    Map<String, String> flags = parse(args);
    int subjects = flags.containsKey("quick") ? 100_000 : Integer.parseInt(flags.getOrDefault("subjects", "1000000"));
    long seed = Long.parseLong(flags.getOrDefault("seed", Long.toString(DEFAULT_SEED)));
    Path file = Path.of(flags.getOrDefault("file", defaultFile(subjects, seed).toString()));
    Result result = new SnapshotGenerator(Plan.of(subjects), seed).write(file);
    print(result);
  }

  static Path defaultFile(int subjects, long seed) {
    return Path.of("target", "bench", "snapshot-" + subjects + (seed == DEFAULT_SEED ? "" : "-" + seed) + ".json");
  }

  static void print(Result r) {
    Plan p = r.plan();
    System.out.printf(Locale.ROOT, "Snapshot %s: %,.1f MB in %.1f s%n", r.file(), r.bytes() / 1e6, r.millis() / 1e3);
    System.out.printf(Locale.ROOT, "  %,d subjects = %,d registries + %,d tokens + %,d role assignments + %,d clusters"
            + " + %,d principals + %,d coverage gaps%n", p.subjects(), p.registries(), p.tokens(), p.roleAssignments(),
        p.clusters(), p.principals(), p.gaps());
    System.out.printf(Locale.ROOT, "  also %,d subscriptions, %,d role definitions, %,d registry activity rows, "
        + "%,d cluster pull failures%n", p.subscriptions(), r.roleDefinitions(), r.activityRows(), r.pullFailures());
  }

  /** Writes the snapshot to {@code file} (through a temporary file, moved into place when complete). */
  public Result write(Path file) {
    long started = System.nanoTime();
    JsonMapper mapper = SnapshotJson.mapper();
    Path dir = file.toAbsolutePath().getParent();
    Path temp = null;
    long[] counts = new long[3];
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + file.getFileName(), ".partial");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
          JsonGenerator g = mapper.createGenerator(out)) {
        g.writeStartObject();
        g.writeNumberProperty("schemaVersion", Snapshot.CURRENT_SCHEMA_VERSION);
        g.writeStringProperty("generatedAt", NOW.toString());
        g.writeStringProperty("tenantId", tenantId);
        g.writePOJOProperty("source", new SnapshotSource("azure", "AzureCloud", "graph", "bench"));
        g.writeArrayPropertyStart("registries");
        for (int r = 0; r < plan.registries(); r++) {
          g.writePOJO(registry(r));
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("clusters");
        for (int c = 0; c < plan.clusters(); c++) {
          g.writePOJO(cluster(c));
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("roleAssignments");
        for (int i = 0; i < plan.roleAssignments(); i++) {
          g.writePOJO(assignment(i).toRecord());
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("roleDefinitions");
        for (RoleDefinition definition : roleDefinitions()) {
          g.writePOJO(definition);
          counts[0]++;
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("principals");
        for (int p = 0; p < plan.principals(); p++) {
          g.writePOJO(principal(p));
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("registryActivity");
        counts[1] = writeActivity(g);
        g.writeEndArray();
        g.writeArrayPropertyStart("clusterPullFailures");
        for (int c = 0; c < plan.clusters(); c++) {
          for (ClusterPullFailure failure : pullFailures(c)) {
            g.writePOJO(failure);
            counts[2]++;
          }
        }
        g.writeEndArray();
        g.writePOJOProperty("coverage", coverage());
        g.writeEndObject();
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Result(file, Files.size(file), plan, counts[1], counts[2], counts[0],
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      try {
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
      } catch (IOException ignored) {
        // the first failure is the one to report
      }
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  // ---- ids, randomness, dates

  /** A GUID-shaped id, stable for (seed, kind, i). */
  String uuid(String kind, long i) {
    long h = mix(seed * 0x9E3779B97F4A7C15L + kind.hashCode() * 0xC2B2AE3D27D4EB4FL + i);
    long l = mix(h ^ 0x632BE59BD9B4E019L);
    char[] c = new char[36];
    hex(c, 0, h >>> 32, 8);
    c[8] = '-';
    hex(c, 9, (h >>> 16) & 0xffff, 4);
    c[13] = '-';
    c[14] = '4';
    hex(c, 15, h & 0xfff, 3);
    c[18] = '-';
    hex(c, 19, 8 + ((l >>> 62) & 3), 1);
    hex(c, 20, (l >>> 48) & 0xfff, 3);
    c[23] = '-';
    hex(c, 24, l & 0xffffffffffffL, 12);
    return new String(c);
  }

  private static void hex(char[] out, int at, long value, int digits) {
    for (int k = digits - 1; k >= 0; k--) {
      out[at + k] = Character.forDigit((int) (value & 0xf), 16);
      value >>>= 4;
    }
  }

  private static String padded(long value, int digits) {
    String text = Long.toString(value);
    return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
  }

  private SplittableRandom random(String kind, long i) {
    return new SplittableRandom(mix(seed ^ (kind.hashCode() * 0xBF58476D1CE4E5B9L) ^ (i * 0x94D049BB133111EBL)));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A timestamp {@code days} (fractional) before the snapshot, in ARM's 7-digit-fraction form. */
  private static String ago(SplittableRandom rnd, double minDays, double maxDays) {
    long seconds = (long) ((minDays + rnd.nextDouble() * (maxDays - minDays)) * 86_400);
    Instant at = NOW.minusSeconds(seconds);
    return at.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "." + padded(rnd.nextInt(10_000_000), 7) + "Z");
  }

  private static String inDays(SplittableRandom rnd, double minDays, double maxDays) {
    long seconds = (long) ((minDays + rnd.nextDouble() * (maxDays - minDays)) * 86_400);
    return NOW.plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static <T> T pick(SplittableRandom rnd, T[] values) {
    return values[rnd.nextInt(values.length)];
  }

  // ---- subscriptions and workspaces

  private String team(int s) {
    return TEAMS[s % TEAMS.length];
  }

  private String subscriptionName(int s) {
    return "sub-" + team(s) + "-" + ENVS[(s / TEAMS.length) % ENVS.length] + "-" + padded(s, 3);
  }

  /** One Log Analytics workspace per twenty subscriptions, in the first of them. */
  private String workspace(int s) {
    int hub = (s / 20) * 20;
    return "/subscriptions/" + subscriptionIds[hub] + "/resourceGroups/rg-monitor-" + team(hub)
        + "/providers/Microsoft.OperationalInsights/workspaces/law-" + team(hub) + "-" + hub;
  }

  // ---- registries

  private int subscriptionOfRegistry(int r) {
    return r % plan.subscriptions();
  }

  /** Registries of subscription s are s, s + S, s + 2S, ... */
  private int registriesIn(int s) {
    return (plan.registries() - s + plan.subscriptions() - 1) / plan.subscriptions();
  }

  private int registryOf(int s, int k) {
    return s + k * plan.subscriptions();
  }

  private String resourceGroupOfRegistry(int r) {
    int s = subscriptionOfRegistry(r);
    return "rg-" + team(s) + "-acr-" + ((r / plan.subscriptions()) % 2);
  }

  String registryName(int r) {
    return "acr" + team(subscriptionOfRegistry(r)) + padded(subscriptionOfRegistry(r) % 1000, 3) + "r" + r;
  }

  String registryId(int r) {
    return "/subscriptions/" + subscriptionIds[subscriptionOfRegistry(r)] + "/resourceGroups/"
        + resourceGroupOfRegistry(r) + "/providers/Microsoft.ContainerRegistry/registries/" + registryName(r);
  }

  private String loginServer(int r) {
    return registryName(r) + ".azurecr.io";
  }

  private String sku(int r) {
    int k = random("sku", r).nextInt(100);
    return k < 30 ? "Premium" : k < 85 ? "Standard" : "Basic";
  }

  boolean abac(int r) {
    return random("abac", r).nextInt(100) < 8;
  }

  /** 0: none, 1: both log categories, 2: repository events only. */
  private int diagnostics(int r) {
    int k = random("diagnostics", r).nextInt(100);
    return k < 10 ? 0 : k < 95 ? 1 : 2;
  }

  private boolean adminUser(int r) {
    return random("admin", r).nextInt(100) < 3;
  }

  Registry registry(int r) {
    SplittableRandom rnd = random("registry", r);
    String sku = sku(r);
    boolean premium = sku.equals("Premium");
    boolean privateOnly = premium && rnd.nextInt(100) < 60;
    String id = registryId(r);
    String rg = resourceGroupOfRegistry(r);
    int s = subscriptionOfRegistry(r);
    Registry.NetworkRuleSet network = null;
    if (premium) {
      List<Registry.IpRule> ipRules = new ArrayList<>();
      for (int k = 0, n = rnd.nextInt(4); k < n; k++) {
        ipRules.add(new Registry.IpRule("Allow", "203.0." + (r % 250) + "." + (k * 16) + "/28"));
      }
      network = new Registry.NetworkRuleSet(rnd.nextInt(100) < 5 ? "Allow" : "Deny", ipRules);
    }
    List<Registry.PrivateEndpointConnection> endpoints = null;
    if (privateOnly) {
      String pe = "pe-" + registryName(r);
      boolean approved = rnd.nextInt(100) >= 5;
      endpoints = List.of(new Registry.PrivateEndpointConnection(
          id + "/privateEndpointConnections/" + pe + "." + uuid("pe", r),
          pe + "." + uuid("pe", r),
          new Registry.PrivateEndpoint("/subscriptions/" + subscriptionIds[s] + "/resourceGroups/rg-" + team(s)
              + "-network/providers/Microsoft.Network/privateEndpoints/" + pe),
          new Registry.PrivateLinkServiceConnectionState(approved ? "Approved" : "Pending",
              approved ? "Auto-Approved" : "Awaiting approval"),
          "Succeeded"));
    }
    Registry.Policies policies = new Registry.Policies(
        new Registry.Status("disabled"),
        new Registry.TrustPolicy("Notary", premium && rnd.nextInt(100) < 70 ? "enabled" : "disabled"),
        new Registry.RetentionPolicy(7, premium && rnd.nextBoolean() ? "enabled" : "disabled"),
        new Registry.Status(privateOnly ? "disabled" : "enabled"),
        new Registry.Status(rnd.nextInt(100) < 75 ? "disabled" : "enabled"));
    List<Registry.DiagnosticSetting> diagnosticSettings = null;
    int diag = diagnostics(r);
    if (diag > 0) {
      List<Registry.LogSetting> logs = List.of(
          new Registry.LogSetting("ContainerRegistryRepositoryEvents", null, true),
          new Registry.LogSetting("ContainerRegistryLoginEvents", null, diag == 1));
      diagnosticSettings = List.of(new Registry.DiagnosticSetting(
          id + "/providers/microsoft.insights/diagnosticSettings/send-to-law", "send-to-law", workspace(s), logs));
    }
    List<Token> tokens = new ArrayList<>(tokenCount[r]);
    List<ScopeMap> scopeMaps = new ArrayList<>();
    String created = ago(rnd, 400, 1500);
    for (String system : List.of("_repositories_admin", "_repositories_pull", "_repositories_push")) {
      List<String> actions = switch (system) {
        case "_repositories_admin" -> List.of("repositories/*/metadata/read", "repositories/*/metadata/write",
            "repositories/*/content/read", "repositories/*/content/write", "repositories/*/content/delete");
        case "_repositories_pull" -> List.of("repositories/*/content/read");
        default -> List.of("repositories/*/content/read", "repositories/*/content/write");
      };
      scopeMaps.add(new ScopeMap(id + "/scopeMaps/" + system, system, "SystemDefined",
          "Can perform all read, write and delete operations on the registry", created, actions));
    }
    for (int t = 0; t < tokenCount[r]; t++) {
      TokenPlan plan = tokenPlan(r, t);
      tokens.add(plan.token);
      if (plan.scopeMap != null) {
        scopeMaps.add(plan.scopeMap);
      }
    }
    return new Registry(id, registryName(r), subscriptionIds[s], rg, LOCATIONS[s % LOCATIONS.length],
        new Registry.Sku(sku, sku), loginServer(r), adminUser(r), privateOnly ? "Disabled" : "Enabled", network,
        "AzureServices", rnd.nextInt(1000) < 5, premium && rnd.nextInt(100) < 30,
        abac(r) ? "AbacRepositoryPermissions" : "LegacyRegistryPermissions", policies, tokens, scopeMaps,
        endpoints, diagnosticSettings);
  }

  // ---- tokens

  private record TokenPlan(Token token, ScopeMap scopeMap, boolean used, int ips, long pulls) {}

  private TokenPlan tokenPlan(int r, int t) {
    SplittableRandom rnd = random("token", (long) r * 100_000 + t);
    String id = registryId(r);
    String app = "app" + rnd.nextInt(400);
    String name = pick(rnd, new String[] {"ci-pull-", "deploy-", "edge-sync-", "partner-", "scanner-"}) + app + "-" + t;
    int scenario = rnd.nextInt(100);
    String creationTime;
    String expiry;
    if (scenario < 2) { // expired
      creationTime = ago(rnd, 200, 500);
      expiry = NOW.minus(1 + rnd.nextInt(150), ChronoUnit.DAYS).toString();
    } else if (scenario < 4) { // never expires
      creationTime = ago(rnd, 10, 80);
      expiry = null;
    } else if (scenario < 6) { // expiring within 30 days
      creationTime = ago(rnd, 60, 85);
      expiry = inDays(rnd, 1, 29);
    } else if (scenario < 10) { // valid but older than 90 days: not rotated
      creationTime = ago(rnd, 120, 400);
      expiry = inDays(rnd, 40, 300);
    } else {
      creationTime = ago(rnd, 1, 85);
      expiry = inDays(rnd, 45, 365);
    }
    List<Token.Password> passwords = new ArrayList<>();
    passwords.add(new Token.Password("password1", creationTime, expiry));
    if (scenario >= 10 && rnd.nextInt(100) < 25) {
      passwords.add(new Token.Password("password2", ago(rnd, 1, 80), inDays(rnd, 60, 365)));
    }
    int mapKind = rnd.nextInt(100);
    ScopeMap map = null;
    String mapId;
    if (mapKind < 3) {
      mapId = id + "/scopeMaps/_repositories_push";
    } else if (mapKind < 5) {
      String mapName = name + "-map";
      mapId = id + "/scopeMaps/" + mapName;
      map = new ScopeMap(mapId, mapName, "UserDefined", "all repositories, read and write", creationTime,
          List.of("repositories/*/content/read", "repositories/*/content/write"));
    } else {
      String mapName = name + "-map";
      mapId = id + "/scopeMaps/" + mapName;
      map = new ScopeMap(mapId, mapName, "UserDefined", "read " + app, creationTime,
          List.of("repositories/" + app + "/content/read", "repositories/" + app + "/metadata/read"));
    }
    String status = rnd.nextInt(100) < 93 ? "enabled" : "disabled";
    Token token = new Token(id + "/tokens/" + name, name, mapId, status, ago(rnd, 30, 900), "Succeeded",
        new Token.Credentials(passwords, null));
    boolean used = rnd.nextInt(100) < 88;
    int ips = rnd.nextInt(100) < 2 ? 3 + rnd.nextInt(4) : 1 + rnd.nextInt(2);
    return new TokenPlan(token, map, used, ips, 1 + rnd.nextInt(20_000));
  }

  // ---- clusters

  boolean usesServicePrincipal(int c) {
    return random("cluster-sp", c).nextInt(100) < 3;
  }

  private int subscriptionOfCluster(int c) {
    return (c * 7) % plan.subscriptions();
  }

  private String clusterName(int c) {
    return "aks-" + team(subscriptionOfCluster(c)) + "-" + ENVS[c % ENVS.length] + "-" + c;
  }

  private String clusterResourceGroup(int c) {
    return "rg-" + team(subscriptionOfCluster(c)) + "-aks-" + (c % 2);
  }

  private String clusterId(int c) {
    return "/subscriptions/" + subscriptionIds[subscriptionOfCluster(c)] + "/resourceGroups/"
        + clusterResourceGroup(c) + "/providers/Microsoft.ContainerService/managedClusters/" + clusterName(c);
  }

  ManagedCluster cluster(int c) {
    SplittableRandom rnd = random("cluster", c);
    int s = subscriptionOfCluster(c);
    Map<String, ManagedCluster.UserAssignedIdentity> profile = null;
    ManagedCluster.ServicePrincipalProfile sp;
    if (usesServicePrincipal(c)) {
      sp = new ManagedCluster.ServicePrincipalProfile(appIdOf(appStart + c % (userStart - appStart)));
    } else {
      sp = new ManagedCluster.ServicePrincipalProfile("msi");
      profile = new LinkedHashMap<>();
      profile.put("kubeletidentity", new ManagedCluster.UserAssignedIdentity(
          "/subscriptions/" + subscriptionIds[s] + "/resourceGroups/MC_" + clusterResourceGroup(c) + "_"
              + clusterName(c) + "_" + LOCATIONS[s % LOCATIONS.length]
              + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + clusterName(c) + "-agentpool",
          uuid("kubelet-client", c), principalId(c)));
    }
    ManagedCluster.AadProfile aad = rnd.nextInt(100) < 5 ? null
        : new ManagedCluster.AadProfile(true, rnd.nextInt(100) < 60, tenantId);
    return new ManagedCluster(clusterId(c), clusterName(c), subscriptionIds[s], clusterResourceGroup(c),
        LOCATIONS[s % LOCATIONS.length], "1." + (29 + rnd.nextInt(4)) + "." + rnd.nextInt(10),
        new ManagedCluster.Identity("SystemAssigned", uuid("cluster-identity", c), tenantId), profile, sp, aad, true,
        rnd.nextInt(100) < 75,
        new ManagedCluster.OidcIssuerProfile(true, "https://" + LOCATIONS[s % LOCATIONS.length]
            + ".oic.prod-aks.azure.com/" + tenantId + "/" + uuid("oidc", c) + "/"),
        new ManagedCluster.SecurityProfile(new ManagedCluster.WorkloadIdentity(rnd.nextInt(100) < 70)));
  }

  private List<ClusterPullFailure> pullFailures(int c) {
    SplittableRandom rnd = random("pull-failures", c);
    int k = rnd.nextInt(100);
    if (k >= 8) {
      return List.of();
    }
    int s = subscriptionOfCluster(c);
    int r = registryOf(s, rnd.nextInt(registriesIn(s)));
    String image = loginServer(r) + "/app" + rnd.nextInt(400) + "/api:1." + rnd.nextInt(20) + "." + rnd.nextInt(10);
    String namespace = pick(rnd, new String[] {"default", "payments", "checkout", "ingest", "monitoring"});
    if (k < 3) {
      return List.of(new ClusterPullFailure(clusterId(c), namespace, image, "Failed",
          "Failed to pull image \"" + image + "\": failed to authorize: failed to fetch anonymous token: "
              + "unexpected status from GET request to https://" + loginServer(r) + "/oauth2/token: 401 Unauthorized",
          (long) (1 + rnd.nextInt(400)), ago(rnd, 0, 10)));
    }
    return List.of(new ClusterPullFailure(clusterId(c), namespace, image, "Failed",
        "Failed to pull image \"" + image + "\": " + image + ": not found", (long) (1 + rnd.nextInt(50)),
        ago(rnd, 0, 20)));
  }

  // ---- principals

  String principalId(int p) {
    return uuid("principal", p);
  }

  private String appIdOf(int p) {
    return uuid("app", p);
  }

  private String principalType(int p) {
    return p < userStart ? "ServicePrincipal" : p < groupStart ? "User" : "Group";
  }

  Principal principal(int p) {
    SplittableRandom rnd = random("principal", p);
    if (p < appStart) {
      return new Principal(principalId(p), "ServicePrincipal", clusterName(p) + "-agentpool", uuid("kubelet-client", p),
          null, "ManagedIdentity", null, null);
    }
    if (p < userStart) {
      boolean foreign = rnd.nextInt(100) < 12;
      String owner = foreign ? uuid("client-tenant", rnd.nextInt(40)) : tenantId;
      List<Principal.CredentialInfo> passwords = new ArrayList<>();
      int scenario = rnd.nextInt(100);
      int n = 1 + (rnd.nextInt(100) < 30 ? 1 : 0);
      for (int k = 0; k < n; k++) {
        String end = scenario < 3 ? (rnd.nextBoolean() ? inDays(rnd, 1, 29) : NOW.minus(1 + rnd.nextInt(90), ChronoUnit.DAYS).toString())
            : inDays(rnd, 45, 700);
        passwords.add(new Principal.CredentialInfo(uuid("sp-key", (long) p * 4 + k), k == 0 ? "pipeline" : "rotation",
            ago(rnd, 30, 700), end));
      }
      List<Principal.CredentialInfo> keys = scenario >= 3 && rnd.nextInt(100) < 10
          ? List.of(new Principal.CredentialInfo(uuid("sp-cert", p), "CN=" + team(p % TEAMS.length) + "-deploy",
              ago(rnd, 30, 300), inDays(rnd, 100, 700)))
          : List.of();
      String name = "sp-" + team(p % TEAMS.length) + "-" + pick(rnd, new String[] {"ci", "deploy", "pull", "scanner", "sync"})
          + "-" + p;
      return new Principal(principalId(p), "ServicePrincipal", name, appIdOf(p), owner, "Application", passwords, keys);
    }
    if (p < groupStart) {
      return new Principal(principalId(p), "User", pick(rnd, FIRST) + " " + pick(rnd, LAST) + " (" + p + ")",
          null, null, null, null, null);
    }
    return new Principal(principalId(p), "Group", "grp-" + team(p % TEAMS.length) + "-" + pick(rnd, ENVS) + "-acr-" + p,
        null, null, null, null, null);
  }

  // ---- role assignments

  /** One assignment, as plain facts, so that the activity pass can re-derive it cheaply. */
  private record AssignmentPlan(String name, String scope, String subscriptionId, String principalId,
      String principalType, String role, String condition, String description, String createdOn, int registry,
      boolean active) {

    RoleAssignment toRecord() {
      return new RoleAssignment(scope + "/providers/Microsoft.Authorization/roleAssignments/" + name, name, scope,
          principalId, principalType,
          "/subscriptions/" + subscriptionId + "/providers/Microsoft.Authorization/roleDefinitions/" + role,
          condition, condition == null ? null : "2.0", description, createdOn);
    }
  }

  /** A principal of a kind, skewed so that some hold many assignments: 0 app SP, 1 user, 2 group. */
  private int principalOfKind(SplittableRandom rnd, int kind) {
    int from = kind == 0 ? appStart : kind == 1 ? userStart : groupStart;
    int to = kind == 0 ? userStart : kind == 1 ? groupStart : plan.principals();
    double u = rnd.nextDouble();
    return from + (int) ((to - from) * u * u);
  }

  AssignmentPlan assignment(int i) {
    SplittableRandom rnd = random("assignment", i);
    String name = uuid("assignment", i);
    String created = ago(rnd, 1, 1400);
    if (i < kubeletAssignments) {
      int c = clusterOfKubeletAssignment(i);
      int s = subscriptionOfCluster(c);
      int r = registryOf(s, (c + i - kubeletAssignmentStart[c]) % registriesIn(s));
      String role = abac(r) ? REPO_READER : ACR_PULL;
      return new AssignmentPlan(name, registryId(r), subscriptionIds[s], principalId(c), "ServicePrincipal", role,
          null, null, created, r, true);
    }
    double u = rnd.nextDouble();
    int r = Math.min(plan.registries() - 1, (int) (plan.registries() * Math.pow(u, 1.6)));
    int s = subscriptionOfRegistry(r);
    String registryScope = registryId(r);
    int kind = rnd.nextInt(1000);
    int who = rnd.nextInt(100);
    int principalKind = who < 60 ? 0 : who < 85 ? 2 : 1;
    String scope = registryScope;
    String role;
    String condition = null;
    String description = null;
    boolean active = false;
    if (kind < 620) { // pull at registry scope
      if (abac(r) && rnd.nextInt(100) < 85) {
        role = REPO_READER;
        condition = ABAC_CONDITION.replace("%s", "app" + rnd.nextInt(400));
      } else {
        role = ACR_PULL;
      }
      active = principalKind == 0 && rnd.nextInt(6) == 0;
    } else if (kind < 760) { // CI pushes
      principalKind = 0;
      role = abac(r) ? REPO_WRITER : ACR_PUSH;
      condition = abac(r) ? ABAC_CONDITION.replace("%s", "app" + rnd.nextInt(400)) : null;
      description = "CI pipeline " + team(s) + "/app" + rnd.nextInt(400);
      active = rnd.nextInt(6) == 0;
    } else if (kind < 790) {
      principalKind = 0;
      role = rnd.nextBoolean() ? ACR_DELETE : TASKS_CONTRIBUTOR;
    } else if (kind < 830) {
      role = customRole(rnd.nextInt(3));
    } else if (kind < 870) {
      principalKind = who < 50 ? 1 : 2;
      role = rnd.nextBoolean() ? READER : CONFIG_READER;
    } else if (kind < 950) { // resource group of the registry
      scope = "/subscriptions/" + subscriptionIds[s] + "/resourceGroups/" + resourceGroupOfRegistry(r);
      int k = rnd.nextInt(100);
      role = k < 62 ? CONTRIBUTOR : k < 72 ? OWNER : k < 84 ? ACR_PULL : READER;
      if (role.equals(OWNER) && principalKind == 0 && rnd.nextInt(100) < 70) {
        principalKind = 2;
      }
    } else { // subscription
      scope = "/subscriptions/" + subscriptionIds[s];
      int k = rnd.nextInt(100);
      role = k < 30 ? READER : k < 70 ? CONTRIBUTOR : k < 85 ? OWNER : USER_ACCESS_ADMIN;
      if ((role.equals(OWNER) || role.equals(USER_ACCESS_ADMIN)) && principalKind == 0 && rnd.nextInt(100) < 70) {
        principalKind = 2;
      }
    }
    String principalType = principalKind == 0 ? "ServicePrincipal" : principalKind == 1 ? "User" : "Group";
    String principalId;
    if (rnd.nextInt(1000) < 12) { // the principal was deleted; the assignment stayed behind
      principalId = uuid("deleted-principal", rnd.nextInt(Math.max(1, plan.principals() / 50)));
      active = false;
    } else {
      principalId = principalId(principalOfKind(rnd, principalKind));
    }
    return new AssignmentPlan(name, scope, subscriptionIds[s], principalId, principalType, role, condition,
        description, created, r, active);
  }

  private int clusterOfKubeletAssignment(int i) {
    int lo = 0;
    int hi = plan.clusters() - 1;
    while (lo < hi) { // last c with start[c] <= i
      int mid = (lo + hi + 1) >>> 1;
      if (kubeletAssignmentStart[mid] <= i) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private String customRole(int k) {
    return uuid("custom-role", k);
  }

  private List<RoleDefinition> roleDefinitions() {
    List<RoleDefinition> out = new ArrayList<>();
    try (InputStream in = SnapshotGenerator.class.getResourceAsStream("/azure/builtin-roles.json")) {
      List<RoleDefinition> builtIn = SnapshotJson.mapper().readValue(in, new TypeReference<List<RoleDefinition>>() {});
      for (RoleDefinition role : builtIn) {
        if (BUILT_IN_USED.contains(role.name())) {
          // As collect writes them: listed under the first subscription.
          out.add(new RoleDefinition("/subscriptions/" + subscriptionIds[0]
              + "/providers/Microsoft.Authorization/roleDefinitions/" + role.name(), role.name(), role.roleName(),
              role.type(), role.description(), role.permissions(), role.assignableScopes()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String[][] custom = {
        {"ACR image puller (custom)", "Microsoft.ContainerRegistry/registries/read",
            "Microsoft.ContainerRegistry/registries/pull/read"},
        {"ACR registry operator (custom)", "Microsoft.ContainerRegistry/registries/*"},
        {"ACR repository reader (custom)", "Microsoft.ContainerRegistry/registries/read"}};
    for (int k = 0; k < custom.length; k++) {
      String guid = customRole(k);
      List<String> actions = List.of(custom[k]).subList(1, custom[k].length);
      List<String> dataActions = k == 2
          ? List.of("Microsoft.ContainerRegistry/registries/repositories/content/read") : List.of();
      out.add(new RoleDefinition("/subscriptions/" + subscriptionIds[0]
          + "/providers/Microsoft.Authorization/roleDefinitions/" + guid, guid, custom[k][0], "CustomRole",
          custom[k][0], List.of(new RoleDefinition.Permission(actions, List.of(), dataActions, List.of())),
          List.of("/subscriptions/" + subscriptionIds[0])));
    }
    return out;
  }

  // ---- registry activity

  private long writeActivity(JsonGenerator g) {
    long rows = 0;
    String[] agents = {"containerd/v1.7.23", "docker/27.3.1 go/go1.22.7 git-commit/41ca978 kernel/6.8.0 os/linux",
        "azure-devops-agent/4.248.0", "Go-http-client/1.1"};
    for (int r = 0; r < plan.registries(); r++) {
      if (diagnostics(r) == 0) {
        continue;
      }
      if (adminUser(r)) {
        SplittableRandom rnd = random("admin-activity", r);
        int ips = 1 + rnd.nextInt(4);
        g.writePOJO(activity(r, registryName(r), 1 + rnd.nextInt(5_000), rnd.nextInt(100), 0, rnd.nextInt(5), ips,
            agents, rnd));
        rows++;
      }
      for (int t = 0; t < tokenCount[r]; t++) {
        TokenPlan token = tokenPlan(r, t);
        if (token.used) {
          SplittableRandom rnd = random("token-activity", (long) r * 100_000 + t);
          g.writePOJO(activity(r, token.token.name(), token.pulls, 0, 0, rnd.nextInt(3), token.ips, agents, rnd));
          rows++;
        }
      }
    }
    for (int i = 0; i < plan.roleAssignments(); i++) {
      AssignmentPlan a = assignment(i);
      if (!a.active || diagnostics(a.registry) == 0) {
        continue;
      }
      SplittableRandom rnd = random("sp-activity", i);
      boolean pushes = a.role.equals(ACR_PUSH) || a.role.equals(REPO_WRITER);
      g.writePOJO(activity(a.registry, a.principalId, 1 + rnd.nextInt(100_000), pushes ? 1 + rnd.nextInt(500) : 0, 0,
          rnd.nextInt(100) < 5 ? 1 + rnd.nextInt(20) : 0, 1 + rnd.nextInt(i < kubeletAssignments ? 30 : 3), agents, rnd));
      rows++;
    }
    // A few kubelets pull from a registry they hold no role on (ACR-AKS-001).
    for (int c = 0; c < plan.clusters(); c++) {
      SplittableRandom rnd = random("stray-pull", c);
      if (usesServicePrincipal(c) || rnd.nextInt(100) >= 2) {
        continue;
      }
      int r = rnd.nextInt(plan.registries());
      if (diagnostics(r) == 0) {
        continue;
      }
      g.writePOJO(activity(r, principalId(c), 0, 0, 0, 1 + rnd.nextInt(50), 1 + rnd.nextInt(10), agents, rnd));
      rows++;
    }
    return rows;
  }

  private RegistryActivity activity(int r, String identity, long pulls, long pushes, long deletes, long failed, int ips,
      String[] agents, SplittableRandom rnd) {
    List<String> ipSample = new ArrayList<>();
    for (int k = 0; k < Math.min(ips, 10); k++) {
      ipSample.add("10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)));
    }
    List<String> repositories = new ArrayList<>();
    for (int k = 0, n = 1 + rnd.nextInt(3); k < n; k++) {
      repositories.add("app" + rnd.nextInt(400) + "/" + pick(rnd, new String[] {"api", "web", "worker", "migrations"}));
    }
    return new RegistryActivity(registryId(r).toLowerCase(Locale.ROOT), loginServer(r), identity, pulls, pushes,
        deletes, failed, (long) ips, ipSample, List.of(pick(rnd, agents)), repositories, ago(rnd, 20, 30),
        ago(rnd, 0, 6));
  }

  // ---- coverage

  private Coverage coverage() {
    List<Coverage.AuditedSubscription> subscriptions = new ArrayList<>();
    List<String> workspaces = new ArrayList<>();
    for (int s = 0; s < plan.subscriptions(); s++) {
      subscriptions.add(new Coverage.AuditedSubscription(subscriptionIds[s], subscriptionName(s), tenantId, "Enabled"));
      if (s % 20 == 0) {
        workspaces.add(workspace(s));
      }
    }
    List<Coverage.Gap> gaps = new ArrayList<>();
    // The last workspace could not be queried: its registries' activity is unknown.
    gaps.add(new Coverage.Gap(workspaces.get(workspaces.size() - 1), "workspace", "query ContainerRegistryRepositoryEvents",
        403, "InsufficientAccessError", "The provided credentials have insufficient access to perform the requested operation"));
    for (int k = 1; k < plan.gaps(); k++) {
      if (k % 2 == 1) {
        String sub = uuid("unreadable-subscription", k);
        gaps.add(new Coverage.Gap("/subscriptions/" + sub, "subscription", "list registries", 403,
            "AuthorizationFailed", "The client does not have authorization to perform action "
                + "'Microsoft.ContainerRegistry/registries/read' over scope '/subscriptions/" + sub + "'"));
      } else {
        int r = (k * 7919) % plan.registries();
        gaps.add(new Coverage.Gap(registryId(r), "registry", "list tokens", 403, "AuthorizationFailed",
            "The client does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/tokens/read'"));
      }
    }
    return new Coverage(subscriptions, new Coverage.LogWindow(NOW.minus(30, ChronoUnit.DAYS).toString(), NOW.toString()),
        workspaces, gaps);
  }

  // ---- flags

  static Map<String, String> parse(String[] args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String name = args[i].substring(2);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        flags.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        flags.put(name, args[++i]);
      } else {
        flags.put(name, "true");
      }
    }
    return flags;
  }
}
