package io.acrauditor.collect;

import com.azure.core.http.HttpPipeline;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonWriter;
import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import com.azure.resourcemanager.authorization.fluent.models.RoleDefinitionInner;
import com.azure.resourcemanager.containerregistry.fluent.models.RegistryInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.fluent.ResourceProvidersClient;
import com.azure.resourcemanager.resourcegraph.fluent.models.QueryResponseInner;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.RoleDefinition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads the inventory that Azure Resource Graph indexes: registries and managed clusters from the
 * {@code resources} table, role assignments and definitions from {@code authorizationresources}.
 *
 * <p>Each query projects only the properties the inventory keeps, and its rows are put back into
 * the ARM wire shape and parsed by the same SDK models the ARM path uses, so that {@link ArmMapper}
 * turns both into identical records. Resource Graph does not index tokens, scope maps or
 * diagnostic settings (its resource type reference lists no {@code registries/tokens}, {@code
 * registries/scopeMaps} or {@code microsoft.insights/diagnosticsettings}); those stay per-registry
 * ARM reads. Private endpoint connections are part of the registry's properties and come with it.
 * Role assignments are filtered in the query to those whose scope can cover a registry ({@link
 * RegistryScopes}): most of a large tenant's are on other resources, and each thousand of them is
 * a page under the per-user query quota.
 *
 * <p>The SDK sends api-version 2021-03-01, which has no {@code authorizationScopeFilter}: a query
 * scoped to subscriptions returns authorization resources at and below them only. Assignments
 * inherited from management groups or the root, and built-in role definitions (which live at the
 * tenant), are therefore not read from subscription-scoped queries: the collector reads inherited
 * assignments through ARM, and role definitions come from a tenant-scoped query here.
 */
final class ResourceGraphReader {

  /** Resource Graph accepts at most 1,000 subscriptions in one request. */
  static final int MAX_SUBSCRIPTIONS_PER_QUERY = 1000;
  /** The largest page Resource Graph serves ({@code $top} maximum). */
  static final int PAGE_SIZE = 1000;
  /** Role definition names go into an {@code in~} list; this keeps one query's text modest. */
  static final int NAMES_PER_QUERY = 200;

  static final String SUBSCRIPTIONS_QUERY = """
      resourcecontainers
      | where type =~ 'microsoft.resources/subscriptions'
      | project id, subscriptionId""";

  /** Each subscription's management group ancestors, nearest first ({@code [{name, displayName}]}). */
  static final String ANCESTORS_QUERY = """
      resourcecontainers
      | where type =~ 'microsoft.resources/subscriptions'
      | project subscriptionId, managementGroupAncestorsChain = properties.managementGroupAncestorsChain""";

  private static final List<String> REGISTRY_PROPERTIES = List.of("loginServer", "adminUserEnabled",
      "publicNetworkAccess", "networkRuleSet", "networkRuleBypassOptions", "anonymousPullEnabled",
      "dataEndpointEnabled", "roleAssignmentMode", "policies", "privateEndpointConnections");
  private static final List<String> CLUSTER_PROPERTIES = List.of("kubernetesVersion", "identityProfile",
      "servicePrincipalProfile", "aadProfile", "enableRBAC", "disableLocalAccounts", "oidcIssuerProfile",
      "securityProfile", "addonProfiles", "apiServerAccessProfile");
  private static final List<String> ASSIGNMENT_PROPERTIES = List.of("roleDefinitionId", "principalId",
      "principalType", "scope", "condition", "conditionVersion", "description", "createdOn");
  private static final List<String> DEFINITION_PROPERTIES = List.of("roleName", "type", "description",
      "permissions", "assignableScopes");

  static final String REGISTRIES_QUERY = query("resources", "microsoft.containerregistry/registries",
      List.of("id", "name", "location", "sku"), REGISTRY_PROPERTIES);
  static final String CLUSTERS_QUERY = query("resources", "microsoft.containerservice/managedclusters",
      List.of("id", "name", "location", "identity"), CLUSTER_PROPERTIES);
  /** Only assignments whose scope can cover a registry: see {@link RegistryScopes}. */
  static final String ROLE_ASSIGNMENTS_QUERY = where(query("authorizationresources",
      "microsoft.authorization/roleassignments", List.of("id", "name"), ASSIGNMENT_PROPERTIES),
      RegistryScopes.KQL_CONDITION);

  private final ResourceProvidersClient client;

  ResourceGraphReader(HttpPipeline pipeline, AzureEnvironment environment, String tenantId) {
    this.client = ResourceGraphManager.authenticate(pipeline, new AzureProfile(tenantId, null, environment))
        .serviceClient().getResourceProviders();
  }

  /** The subscriptions of {@code batch} that Resource Graph can see, lower-cased. */
  Set<String> visibleSubscriptions(List<String> batch) {
    Set<String> visible = new LinkedHashSet<>();
    query(SUBSCRIPTIONS_QUERY, batch, row -> {
      Object id = row.get("subscriptionId");
      if (id != null) {
        visible.add(id.toString().toLowerCase(Locale.ROOT));
      }
    });
    return visible;
  }

  /**
   * The management group ancestors (names, nearest first, the root last) of the subscriptions of
   * {@code batch} that show a chain, by lower-cased subscription id.
   */
  Map<String, List<String>> managementGroupAncestors(List<String> batch) {
    Map<String, List<String>> ancestors = new HashMap<>();
    query(ANCESTORS_QUERY, batch, row -> {
      Object id = row.get("subscriptionId");
      if (id != null && row.get("managementGroupAncestorsChain") instanceof List<?> chain) {
        List<String> names = new ArrayList<>();
        for (Object group : chain) {
          if (group instanceof Map<?, ?> g && g.get("name") != null) {
            names.add(g.get("name").toString());
          }
        }
        ancestors.put(id.toString().toLowerCase(Locale.ROOT), List.copyOf(names));
      }
    });
    return ancestors;
  }

  List<RegistryInner> registries(List<String> batch) {
    List<RegistryInner> out = new ArrayList<>();
    query(REGISTRIES_QUERY, batch, row -> out.add(parse(armShape(row, REGISTRY_PROPERTIES), RegistryInner::fromJson)));
    return out;
  }

  List<ManagedClusterInner> clusters(List<String> batch) {
    List<ManagedClusterInner> out = new ArrayList<>();
    query(CLUSTERS_QUERY, batch,
        row -> out.add(parse(armShape(row, CLUSTER_PROPERTIES), ManagedClusterInner::fromJson)));
    return out;
  }

  /**
   * Assignments at and below the subscriptions of {@code batch} that can cover a registry, in
   * ARM's spelling. The query filters; the same test here keeps a service that ignored part of the
   * query from making the two sources differ.
   */
  List<RoleAssignment> roleAssignments(List<String> batch) {
    List<RoleAssignment> out = new ArrayList<>();
    query(ROLE_ASSIGNMENTS_QUERY, batch, row -> {
      RoleAssignmentInner inner = parse(armShape(row, ASSIGNMENT_PROPERTIES), RoleAssignmentInner::fromJson);
      if (RegistryScopes.mayCoverRegistries(inner.scope())) {
        out.add(asArmReturnsIt(ArmMapper.roleAssignment(inner)));
      }
    });
    return out;
  }

  /**
   * The role definitions named (by GUID), keyed by lower-cased GUID. Tenant-scoped, because a
   * built-in definition sits above every subscription. The {@code id} is Resource Graph's; the
   * collector replaces it with the one ARM would have answered.
   */
  Map<String, RoleDefinition> roleDefinitions(Collection<String> guids) {
    Map<String, RoleDefinition> found = new LinkedHashMap<>();
    List<String> names = guids.stream().map(g -> g.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    for (int i = 0; i < names.size(); i += NAMES_PER_QUERY) {
      List<String> chunk = names.subList(i, Math.min(names.size(), i + NAMES_PER_QUERY));
      query(roleDefinitionsQuery(chunk), null, row -> {
        RoleDefinitionInner inner = parse(armShape(row, DEFINITION_PROPERTIES), RoleDefinitionInner::fromJson);
        if (inner.name() != null) {
          found.putIfAbsent(inner.name().toLowerCase(Locale.ROOT), ArmMapper.roleDefinition(inner));
        }
      });
    }
    return found;
  }

  static String roleDefinitionsQuery(List<String> guids) {
    // GUIDs only reach this text: anything else would be a broken query, not an injection.
    String names = guids.stream().filter(g -> g.matches("[0-9a-fA-F-]{36}")).map(g -> "'" + g + "'")
        .collect(Collectors.joining(","));
    return where(query("authorizationresources", "microsoft.authorization/roledefinitions", List.of("id", "name"),
        DEFINITION_PROPERTIES), "name in~ (" + names + ")");
  }

  /** {@code kql} with {@code | where condition} before its projection. */
  private static String where(String kql, String condition) {
    return kql.replace("\n| project", "\n| where " + condition + "\n| project");
  }

  /**
   * Runs one query over {@code subscriptions} (null: the tenant), following {@code $skipToken}
   * until the last page; each row goes to {@code sink} as it arrives so pages are not kept.
   */
  void query(String kql, List<String> subscriptions, Consumer<Map<String, Object>> sink) {
    if (subscriptions != null && subscriptions.size() > MAX_SUBSCRIPTIONS_PER_QUERY) {
      throw new IllegalArgumentException("At most " + MAX_SUBSCRIPTIONS_PER_QUERY + " subscriptions per query");
    }
    String skipToken = null;
    do {
      QueryRequest request = new QueryRequest().withQuery(kql)
          .withOptions(new QueryRequestOptions().withTop(PAGE_SIZE).withSkipToken(skipToken)
              .withResultFormat(ResultFormat.OBJECT_ARRAY));
      if (subscriptions != null) {
        request.withSubscriptions(subscriptions);
      }
      QueryResponseInner response = client.resources(request);
      if (response.data() instanceof List<?> rows) {
        for (Object row : rows) {
          if (row instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            sink.accept(typed);
          }
        }
      } else if (response.data() != null) {
        throw new IllegalStateException("Resource Graph answered in table format; objectArray was asked for");
      }
      skipToken = response.skipToken() == null || response.skipToken().isBlank() ? null : response.skipToken();
    } while (skipToken != null);
  }

  /**
   * {@code table | where type =~ '...' | project top-level columns, property = properties.property}.
   * Flat columns rather than a packed bag: only plain projection is relied on.
   */
  private static String query(String table, String type, List<String> topLevel, List<String> properties) {
    String columns = String.join(", ", topLevel) + ", " + properties.stream()
        .map(p -> column(p) + " = properties." + p).collect(Collectors.joining(", "));
    return table + "\n| where type =~ '" + type + "'\n| project " + columns;
  }

  /** {@code type} would clash with the row's own column, so role types travel as {@code roleType}. */
  private static String column(String property) {
    return property.equals("type") ? "roleType" : property;
  }

  /**
   * The row as ARM would have sent it: top-level columns as they are, projected properties back
   * under {@code properties}. A null column is dropped, as ARM omits what is not set.
   */
  static Map<String, Object> armShape(Map<String, Object> row, List<String> properties) {
    Map<String, Object> resource = new LinkedHashMap<>();
    Map<String, Object> props = new LinkedHashMap<>();
    Set<String> columns = properties.stream().map(ResourceGraphReader::column).collect(Collectors.toSet());
    for (var e : row.entrySet()) {
      if (e.getValue() == null || columns.contains(e.getKey())) {
        continue;
      }
      resource.put(e.getKey(), e.getValue());
    }
    for (String p : properties) {
      Object value = row.get(column(p));
      if (value != null) {
        props.put(p, value);
      }
    }
    resource.put("properties", props);
    return resource;
  }

  /**
   * Resource Graph's copy of an assignment can differ from ARM's in spelling: the role definition
   * may be named at the tenant ({@code /providers/Microsoft.Authorization/RoleDefinitions/{guid}})
   * where ARM, listing a subscription, names it under that subscription, and provider segments
   * may be lower-cased. The snapshot keeps ARM's spelling (the evidence must not depend on the
   * source), so both are rebuilt the way ARM forms them: the id from the assignment's scope and
   * name, the definition under the subscription of the scope.
   */
  static RoleAssignment asArmReturnsIt(RoleAssignment a) {
    String id = a.id();
    if (a.scope() != null && a.name() != null) {
      String scope = a.scope().equals("/") ? "" : a.scope();
      id = scope + "/providers/Microsoft.Authorization/roleAssignments/" + a.name();
    }
    String definition = a.roleDefinitionId();
    String subscription = AzureIds.subscriptionOf(a.scope());
    String guid = AzureIds.lastSegment(definition);
    if (definition != null && subscription != null && guid != null) {
      definition = "/subscriptions/" + subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
    }
    return new RoleAssignment(id, a.name(), a.scope(), a.principalId(), a.principalType(), definition, a.condition(),
        a.conditionVersion(), a.description(), a.createdOn());
  }

  @FunctionalInterface
  private interface Parser<T> {
    T parse(JsonReader reader) throws IOException;
  }

  private static <T> T parse(Map<String, Object> armShape, Parser<T> parser) {
    try {
      StringWriter text = new StringWriter();
      try (JsonWriter writer = JsonProviders.createWriter(text)) {
        writer.writeUntyped(armShape);
      }
      try (JsonReader reader = JsonProviders.createReader(text.toString())) {
        return parser.parse(reader);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
