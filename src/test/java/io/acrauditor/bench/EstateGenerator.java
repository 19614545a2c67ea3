package io.acrauditor.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic Azure estate of a given size, deterministic for a seed. Only indexes are kept in
 * memory (which subscription holds which registry, cluster or how many role assignments); every
 * resource is derived from the seed and its index when it is asked for, in the ARM wire shape, so
 * a 200,000-assignment estate costs a few megabytes and two reads of the same thing agree.
 *
 * <p>Ratios follow what large tenants look like: resources pile up in a few subscriptions (a
 * squared uniform draw puts about 3% of everything in the busiest one of 1,000), most role
 * assignments sit on resources that are not registries, a few assignments at a management group
 * are inherited by every subscription, and only Premium registries carry tokens.
 */
public final class EstateGenerator {

  /** How big the estate is. */
  public record Size(int subscriptions, int registries, int clusters, int roleAssignments, int principals,
      int maxTokensPerRegistry, int activityRowsPerRegistry, int managementGroupAssignments, int customRoles) {

    /** The reference estate of issue 5. */
    public static Size reference() {
      return new Size(1_000, 5_000, 2_000, 200_000, 5_000, 4, 3, 10, 20);
    }

    /** A smoke-test estate: the same ratios, a twentieth of the size. */
    public static Size quick() {
      return new Size(50, 250, 100, 10_000, 500, 4, 3, 10, 20);
    }
  }

  static final String MANAGEMENT_GROUP = "/providers/Microsoft.Management/managementGroups/mg-root";
  static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
  static final String ACR_PUSH = "8311e382-0749-4cb8-b61a-304f252e45ec";
  static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
  static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
  static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
  static final String BLOB_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";

  private static final Map<String, String[]> BUILT_IN = Map.of(
      ACR_PULL, new String[] {"AcrPull", "Microsoft.ContainerRegistry/registries/pull/read"},
      ACR_PUSH, new String[] {"AcrPush", "Microsoft.ContainerRegistry/registries/pull/read",
          "Microsoft.ContainerRegistry/registries/push/write"},
      OWNER, new String[] {"Owner", "*"},
      CONTRIBUTOR, new String[] {"Contributor", "*"},
      READER, new String[] {"Reader", "*/read"},
      BLOB_READER, new String[] {"Storage Blob Data Reader", "Microsoft.Storage/storageAccounts/blobServices/containers/read"});

  private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

  final Size size;
  final long seed;
  final String tenantId;
  final String[] subscriptionIds;
  final Map<String, Integer> subscriptionIndex = new HashMap<>();
  final int[][] registriesBySubscription;
  final int[][] clustersBySubscription;
  final int[] registrySubscription;
  final int[] assignmentStart;

  public EstateGenerator(Size size, long seed) {
    this.size = size;
    this.seed = seed;
    this.tenantId = uuid("tenant", 0, 0);
    subscriptionIds = new String[size.subscriptions()];
    for (int s = 0; s < subscriptionIds.length; s++) {
      subscriptionIds[s] = uuid("sub", s, 0);
      subscriptionIndex.put(subscriptionIds[s], s);
    }
    SplittableRandom random = new SplittableRandom(seed);
    registrySubscription = new int[size.registries()];
    for (int r = 0; r < registrySubscription.length; r++) {
      registrySubscription[r] = skewed(random);
    }
    registriesBySubscription = group(registrySubscription);
    int[] clusterSubscription = new int[size.clusters()];
    for (int c = 0; c < clusterSubscription.length; c++) {
      clusterSubscription[c] = skewed(random);
    }
    clustersBySubscription = group(clusterSubscription);
    int[] counts = new int[size.subscriptions()];
    for (int a = 0; a < size.roleAssignments(); a++) {
      counts[skewed(random)]++;
    }
    assignmentStart = new int[size.subscriptions() + 1];
    for (int s = 0; s < counts.length; s++) {
      assignmentStart[s + 1] = assignmentStart[s] + counts[s];
    }
  }

  private int skewed(SplittableRandom random) {
    double u = random.nextDouble();
    return Math.min(size.subscriptions() - 1, (int) (size.subscriptions() * u * u));
  }

  private int[][] group(int[] owner) {
    int[] counts = new int[size.subscriptions()];
    for (int o : owner) {
      counts[o]++;
    }
    int[][] bySubscription = new int[size.subscriptions()][];
    for (int s = 0; s < counts.length; s++) {
      bySubscription[s] = new int[counts[s]];
    }
    int[] filled = new int[size.subscriptions()];
    for (int i = 0; i < owner.length; i++) {
      bySubscription[owner[i]][filled[owner[i]]++] = i;
    }
    return bySubscription;
  }

  /** A stable GUID-shaped id for the {@code i}-th/{@code j}-th thing of a kind. */
  String uuid(String kind, long i, long j) {
    long h = mix(seed ^ kind.hashCode() * 0x9E3779B97F4A7C15L ^ i * 0xC2B2AE3D27D4EB4FL ^ j * 0x165667B19E3779F9L);
    long l = mix(h + 0x632BE59BD9B4E019L);
    return String.format("%08x-%04x-4%03x-8%03x-%012x", h >>> 32, (h >>> 16) & 0xffff, h & 0xfff,
        (l >>> 48) & 0xfff, l & 0xffffffffffffL);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private SplittableRandom random(String kind, long i, long j) {
    return new SplittableRandom(mix(seed ^ kind.hashCode() ^ i * 0x9E3779B97F4A7C15L ^ j * 0xBF58476D1CE4E5B9L));
  }

  private static String date(long days) {
    return EPOCH.plus(days, ChronoUnit.DAYS).toString();
  }

  // ---- subscriptions ----

  Map<String, Object> subscription(int s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "/subscriptions/" + subscriptionIds[s]);
    m.put("subscriptionId", subscriptionIds[s]);
    m.put("tenantId", tenantId);
    m.put("displayName", "sub-" + s);
    m.put("state", "Enabled");
    return m;
  }

  // ---- registries ----

  String registryName(int r) {
    return "acr" + r;
  }

  String registryId(int r) {
    return "/subscriptions/" + subscriptionIds[registrySubscription[r]] + "/resourceGroups/rg-" + (r % 5)
        + "/providers/Microsoft.ContainerRegistry/registries/" + registryName(r);
  }

  private String sku(int r) {
    int k = r % 10;
    return k < 4 ? "Premium" : k < 8 ? "Standard" : "Basic";
  }

  /** A registry in ARM's shape ({@code id, name, type, location, sku, properties}). */
  Map<String, Object> registry(int r) {
    SplittableRandom rnd = random("registry", r, 0);
    String sku = sku(r);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("loginServer", registryName(r) + ".azurecr.io");
    p.put("creationDate", date(r % 600));
    p.put("provisioningState", "Succeeded");
    p.put("adminUserEnabled", rnd.nextInt(100) < 15);
    p.put("publicNetworkAccess", rnd.nextInt(100) < 70 ? "Enabled" : "Disabled");
    if (sku.equals("Premium")) {
      p.put("networkRuleSet", Map.of("defaultAction", rnd.nextBoolean() ? "Deny" : "Allow",
          "ipRules", List.of(Map.of("action", "Allow", "value", "203.0.113." + (r % 250) + "/32"))));
      p.put("networkRuleBypassOptions", "AzureServices");
      p.put("dataEndpointEnabled", rnd.nextInt(100) < 20);
      if (rnd.nextBoolean()) {
        String pe = registryId(r) + "/privateEndpointConnections/pe-" + registryName(r);
        p.put("privateEndpointConnections", List.of(Map.of("id", pe, "name", "pe-" + registryName(r),
            "properties", Map.of("privateEndpoint", Map.of("id", "/subscriptions/" + subscriptionIds[registrySubscription[r]]
                    + "/resourceGroups/rg-net/providers/Microsoft.Network/privateEndpoints/pe-" + registryName(r)),
                "privateLinkServiceConnectionState", Map.of("status", "Approved", "description", "Auto-Approved"),
                "provisioningState", "Succeeded"))));
      }
    }
    if (!sku.equals("Basic")) {
      p.put("anonymousPullEnabled", rnd.nextInt(100) < 3);
      p.put("policies", Map.of(
          "quarantinePolicy", Map.of("status", "disabled"),
          "trustPolicy", Map.of("type", "Notary", "status", "disabled"),
          "retentionPolicy", Map.of("days", 7, "status", rnd.nextBoolean() ? "enabled" : "disabled"),
          "exportPolicy", Map.of("status", "enabled"),
          "azureADAuthenticationAsArmPolicy", Map.of("status", "enabled")));
    }
    if (rnd.nextInt(100) < 10) {
      p.put("roleAssignmentMode", "AbacRepositoryPermissions");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", registryId(r));
    m.put("name", registryName(r));
    m.put("type", "Microsoft.ContainerRegistry/registries");
    m.put("location", r % 3 == 0 ? "westeurope" : "northeurope");
    m.put("sku", Map.of("name", sku, "tier", sku));
    m.put("properties", p);
    return m;
  }

  private int tokenCount(int r) {
    return sku(r).equals("Premium") ? random("tokens", r, 0).nextInt(size.maxTokensPerRegistry() + 1) : 0;
  }

  List<Map<String, Object>> tokens(int r) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int t = 0; t < tokenCount(r); t++) {
      SplittableRandom rnd = random("token", r, t);
      Map<String, Object> password = new LinkedHashMap<>();
      password.put("name", "password1");
      password.put("creationTime", date(100 + t));
      if (rnd.nextInt(100) < 60) {
        password.put("expiry", date(400 + rnd.nextInt(700)));
      }
      out.add(Map.of("id", registryId(r) + "/tokens/token-" + t, "name", "token-" + t,
          "type", "Microsoft.ContainerRegistry/registries/tokens",
          "properties", Map.of("creationDate", date(100 + t), "provisioningState", "Succeeded",
              "scopeMapId", registryId(r) + "/scopeMaps/map-" + t,
              "status", rnd.nextInt(100) < 85 ? "enabled" : "disabled",
              "credentials", Map.of("passwords", List.of(password), "certificates", List.of()))));
    }
    return out;
  }

  List<Map<String, Object>> scopeMaps(int r) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String system : List.of("_repositories_admin", "_repositories_pull", "_repositories_push")) {
      out.add(scopeMap(r, system, "SystemDefined", List.of("repositories/*/content/read")));
    }
    for (int t = 0; t < tokenCount(r); t++) {
      out.add(scopeMap(r, "map-" + t, "UserDefined", List.of("repositories/app" + t + "/content/read",
          "repositories/app" + t + "/metadata/read")));
    }
    return out;
  }

  private Map<String, Object> scopeMap(int r, String name, String type, List<String> actions) {
    return Map.of("id", registryId(r) + "/scopeMaps/" + name, "name", name,
        "type", "Microsoft.ContainerRegistry/registries/scopeMaps",
        "properties", Map.of("type", type, "description", name, "creationDate", date(50),
            "provisioningState", "Succeeded", "actions", actions));
  }

  /** The workspace a subscription's logs go to: one per twenty subscriptions, in the first of them. */
  String workspaceOf(int s) {
    int hub = (s / 20) * 20;
    return "/subscriptions/" + subscriptionIds[hub] + "/resourceGroups/rg-monitor/providers/"
        + "Microsoft.OperationalInsights/workspaces/law-" + hub;
  }

  boolean hasDiagnostics(int r) {
    return random("diag", r, 0).nextInt(100) < 70;
  }

  List<Map<String, Object>> diagnosticSettings(int r) {
    if (!hasDiagnostics(r)) {
      return List.of();
    }
    return List.of(Map.of("id", registryId(r) + "/providers/microsoft.insights/diagnosticSettings/to-law",
        "name", "to-law", "properties", Map.of("workspaceId", workspaceOf(registrySubscription[r]),
            "logs", List.of(Map.of("category", "ContainerRegistryRepositoryEvents", "enabled", true),
                Map.of("category", "ContainerRegistryLoginEvents", "enabled", true)))));
  }

  // ---- clusters ----

  String kubeletOf(int c) {
    return uuid("kubelet", c, 0);
  }

  Map<String, Object> cluster(int s, int c) {
    SplittableRandom rnd = random("cluster", c, 0);
    String rg = "/subscriptions/" + subscriptionIds[s] + "/resourcegroups/rg-aks-" + (c % 3);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("kubernetesVersion", "1.3" + (c % 3) + ".2");
    p.put("provisioningState", "Succeeded");
    p.put("identityProfile", Map.of("kubeletidentity", Map.of(
        "resourceId", rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks" + c + "-agentpool",
        "clientId", uuid("kubelet-client", c, 0), "objectId", kubeletOf(c))));
    p.put("servicePrincipalProfile", Map.of("clientId", "msi"));
    p.put("aadProfile", Map.of("managed", true, "enableAzureRBAC", rnd.nextBoolean(), "tenantID", tenantId));
    p.put("enableRBAC", true);
    p.put("disableLocalAccounts", rnd.nextInt(100) < 40);
    p.put("oidcIssuerProfile", Map.of("enabled", true, "issuerURL", "https://oic.example/" + c + "/"));
    p.put("securityProfile", Map.of("workloadIdentity", Map.of("enabled", rnd.nextBoolean())));
    if (rnd.nextInt(100) < 80) {
      p.put("addonProfiles", Map.of("omsagent", Map.of("enabled", true,
          "config", Map.of("logAnalyticsWorkspaceResourceID", workspaceOf(s)))));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", rg + "/providers/Microsoft.ContainerService/managedClusters/aks" + c);
    m.put("name", "aks" + c);
    m.put("type", "Microsoft.ContainerService/ManagedClusters");
    m.put("location", "westeurope");
    m.put("identity", Map.of("type", "SystemAssigned", "principalId", uuid("cluster-identity", c, 0),
        "tenantId", tenantId));
    m.put("properties", p);
    return m;
  }

  // ---- role assignments and definitions ----

  int assignmentCount(int s) {
    return assignmentStart[s + 1] - assignmentStart[s];
  }

  /** Principal {@code p}: 40% service principals, 45% users, 15% groups. */
  String principalType(int p) {
    int k = p % 20;
    return k < 8 ? "ServicePrincipal" : k < 17 ? "User" : "Group";
  }

  String principalId(int p) {
    return uuid("principal", p, 0);
  }

  /**
   * The {@code k}-th assignment inside subscription {@code s}, as ARM lists it there: 5% on a
   * registry, 20% on a resource group, 5% on the subscription, the rest on other resources.
   */
  Map<String, Object> assignment(int s, int k) {
    SplittableRandom rnd = random("assignment", s, k);
    String sub = "/subscriptions/" + subscriptionIds[s];
    int kind = rnd.nextInt(100);
    int principal = rnd.nextInt(size.principals());
    String principalId = principalId(principal);
    String principalType = principalType(principal);
    String scope;
    String role;
    String condition = null;
    int[] registries = registriesBySubscription[s];
    int[] clusters = clustersBySubscription[s];
    if (kind < 5 && registries.length > 0) {
      int r = registries[rnd.nextInt(registries.length)];
      scope = registryId(r);
      int pick = rnd.nextInt(100);
      if (clusters.length > 0 && pick < 50) {
        principalId = kubeletOf(clusters[rnd.nextInt(clusters.length)]);
        principalType = "ServicePrincipal";
        role = ACR_PULL;
      } else if (pick < 80) {
        role = ACR_PUSH;
      } else {
        role = customRole(rnd.nextInt(size.customRoles()));
        condition = "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})) OR "
            + "(@Resource[Microsoft.ContainerRegistry/registries/repositories:name] StringEqualsIgnoreCase 'app'))";
      }
    } else if (kind < 25) {
      scope = sub + "/resourceGroups/rg-" + rnd.nextInt(5);
      role = rnd.nextBoolean() ? CONTRIBUTOR : READER;
    } else if (kind < 30) {
      int pick = rnd.nextInt(100);
      scope = sub;
      role = pick < 10 ? OWNER : pick < 40 ? CONTRIBUTOR : READER;
    } else {
      scope = sub + "/resourceGroups/rg-" + rnd.nextInt(5) + "/providers/Microsoft.Storage/storageAccounts/st" + s + "x" + k;
      role = rnd.nextInt(100) < 70 ? BLOB_READER : rnd.nextInt(100) < 90 ? READER : customRole(rnd.nextInt(size.customRoles()));
    }
    return assignment(uuid("assignment", s, k), scope, sub, role, principalId, principalType, condition,
        date(rnd.nextInt(900)));
  }

  /**
   * Whether the {@code k}-th assignment of subscription {@code s} is at the subscription itself,
   * without building it: the first draw of {@link #assignment} decides the scope. Lets the fake
   * answer {@code atScope()} lists without generating every assignment of the subscription.
   */
  boolean isAtSubscription(int s, int k) {
    int kind = random("assignment", s, k).nextInt(100);
    return kind >= 25 && kind < 30;
  }

  /** The management-group assignments, as ARM lists them under subscription {@code s}. */
  List<Map<String, Object>> inheritedAssignments(int s) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int m = 0; m < size.managementGroupAssignments(); m++) {
      int principal = random("mg", m, 0).nextInt(size.principals());
      out.add(assignment(uuid("mg-assignment", m, 0), MANAGEMENT_GROUP, "/subscriptions/" + subscriptionIds[s],
          m % 3 == 0 ? OWNER : READER, principalId(principal), principalType(principal), null, date(m)));
    }
    return out;
  }

  private static Map<String, Object> assignment(String name, String scope, String listedUnder, String role,
      String principalId, String principalType, String condition, String createdOn) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("roleDefinitionId", listedUnder + "/providers/Microsoft.Authorization/roleDefinitions/" + role);
    p.put("principalId", principalId);
    p.put("principalType", principalType);
    p.put("scope", scope);
    p.put("condition", condition);
    p.put("conditionVersion", condition == null ? null : "2.0");
    p.put("createdOn", createdOn);
    p.put("description", null);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("properties", p);
    m.put("id", scope + "/providers/Microsoft.Authorization/roleAssignments/" + name);
    m.put("type", "Microsoft.Authorization/roleAssignments");
    m.put("name", name);
    return m;
  }

  String customRole(int i) {
    return uuid("custom-role", i, 0);
  }

  boolean isBuiltIn(String guid) {
    return BUILT_IN.containsKey(guid);
  }

  /** The definition with this GUID in ARM's shape, under {@code id}; null when unknown. */
  Map<String, Object> roleDefinition(String id, String guid) {
    String[] builtIn = BUILT_IN.get(guid);
    String roleName;
    List<String> actions;
    List<String> dataActions = List.of();
    List<String> scopes;
    if (builtIn != null) {
      roleName = builtIn[0];
      actions = List.of(builtIn).subList(1, builtIn.length);
      scopes = List.of("/");
    } else {
      int i = -1;
      for (int c = 0; c < size.customRoles(); c++) {
        if (customRole(c).equals(guid)) {
          i = c;
        }
      }
      if (i < 0) {
        return null;
      }
      roleName = "Repository Reader " + i + " (custom)";
      actions = List.of("Microsoft.ContainerRegistry/registries/read");
      dataActions = List.of("Microsoft.ContainerRegistry/registries/repositories/content/read");
      scopes = List.of(MANAGEMENT_GROUP);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("roleName", roleName);
    p.put("type", builtIn != null ? "BuiltInRole" : "CustomRole");
    p.put("description", roleName);
    p.put("assignableScopes", scopes);
    p.put("permissions", List.of(Map.of("actions", actions, "notActions", List.of(), "dataActions", dataActions,
        "notDataActions", List.of())));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("properties", p);
    m.put("id", id);
    m.put("type", "Microsoft.Authorization/roleDefinitions");
    m.put("name", guid);
    return m;
  }

  // ---- principals and logs ----

  /** A service principal as Graph answers {@code GET /servicePrincipals/{id}}; null when unknown. */
  Map<String, Object> servicePrincipal(String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("displayName", "sp-" + id.substring(0, 8));
    m.put("appId", uuid("app", id.hashCode(), 0));
    m.put("appOwnerOrganizationId", tenantId);
    m.put("servicePrincipalType", "Application");
    m.put("passwordCredentials", List.of(Map.of("keyId", uuid("key", id.hashCode(), 0), "displayName", "ci",
        "startDateTime", "2024-02-01T00:00:00Z", "endDateTime", "2026-02-01T00:00:00Z")));
    m.put("keyCredentials", List.of());
    return m;
  }

  /** Registry activity rows for the registries that send to {@code workspace}. */
  List<List<Object>> activityRows(String workspace) {
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < size.registries(); r++) {
      if (!hasDiagnostics(r) || !workspaceOf(registrySubscription[r]).equalsIgnoreCase(workspace)) {
        continue;
      }
      for (int i = 0; i < size.activityRowsPerRegistry(); i++) {
        SplittableRandom rnd = random("activity", r, i);
        rows.add(List.of(registryId(r).toLowerCase(), registryName(r) + ".azurecr.io", uuid("caller", r, i),
            rnd.nextInt(5000), rnd.nextInt(50), rnd.nextInt(3), rnd.nextInt(10), 2,
            "[\"10.0.0." + (i + 1) + "\",\"10.0.1." + (i + 1) + "\"]", "[\"containerd/v1.7.15\"]", "[\"app\"]",
            "2026-10-25T08:00:00Z", "2026-11-22T08:00:00Z"));
      }
    }
    return rows;
  }
}
