package io.acrauditor.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code schema/snapshot.schema.json} and the records of this package in step, and checks
 * that the schema compiles and validates with the networknt validator.
 */
class SnapshotSchemaTest {

  private static final String SCHEMA_RESOURCE = "/schema/snapshot.schema.json";
  private static final String SCHEMA_ID = "https://acrauditor.io/schema/snapshot-1.json";
  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static JsonNode schemaNode;
  private static SchemaRegistry registry;
  private static Schema schema;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = SnapshotSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      assertThat(in).as("classpath resource %s", SCHEMA_RESOURCE).isNotNull();
      schemaNode = MAPPER.readTree(in);
    }
    registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_POINTER)
                        .formatAssertionsEnabled(true)
                        .build()));
    schema = registry.getSchema(SchemaLocation.of(SCHEMA_ID), schemaNode);
    schema.initializeValidators();
  }

  // ---------------------------------------------------------------------------------------------
  // Records <-> schema

  @Test
  void schemaHeaderIsAsDeclared() {
    assertThat(schemaNode.path("$schema").asString()).isEqualTo(META_SCHEMA);
    assertThat(schemaNode.path("$id").asString()).isEqualTo(SCHEMA_ID);
    assertThat(schemaNode.path("properties").path("schemaVersion").path("const").asInt())
        .isEqualTo(Snapshot.CURRENT_SCHEMA_VERSION);
    assertThat(requiredOf(schemaNode)).containsExactlyInAnyOrder("schemaVersion", "generatedAt");
  }

  @Test
  void recordsAndSchemaHaveTheSameProperties() {
    List<String> problems = new ArrayList<>();
    new Walker(problems).record(Snapshot.class, schemaNode, "#", "snapshot", new ArrayDeque<>());
    assertThat(problems)
        .as("snapshot.schema.json and io.acrauditor.inventory records disagree:%n  %s",
            String.join(System.lineSeparator() + "  ", problems))
        .isEmpty();
  }

  @Test
  void everyDefIsUsed() {
    Set<String> referenced = new HashSet<>();
    collectRefs(schemaNode, referenced);
    Set<String> defs = new LinkedHashSet<>(schemaNode.path("$defs").propertyNames());
    defs.removeIf(name -> referenced.contains("#/$defs/" + name));
    assertThat(defs).as("$defs nothing refers to").isEmpty();
  }

  /** Walks a record class and its schema object in parallel, collecting disagreements. */
  private static final class Walker {
    private final List<String> problems;

    Walker(List<String> problems) {
      this.problems = problems;
    }

    void record(Class<?> type, JsonNode objectSchema, String schemaPointer, String path, Deque<Class<?>> stack) {
      if (stack.contains(type)) {
        return; // recursive record: already being checked further up
      }
      stack.push(type);
      try {
        if (!objectSchema.path("additionalProperties").isBoolean()
            || objectSchema.path("additionalProperties").booleanValue()) {
          problems.add(path + " (" + schemaPointer + "): object schema of " + type.getSimpleName()
              + " must say \"additionalProperties\": false");
        }
        JsonNode properties = objectSchema.path("properties");
        Set<String> required = requiredOf(objectSchema);
        Set<String> components = new LinkedHashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
          String name = component.getName();
          components.add(name);
          String childPath = path + "." + name;
          JsonNode property = properties.get(name);
          if (property == null) {
            problems.add(childPath + ": record component " + type.getSimpleName() + "." + name
                + " has no property in the schema (" + schemaPointer + "/properties)");
            continue;
          }
          if (required.contains(name)) {
            Resolved r = resolve(property, schemaPointer + "/properties/" + name);
            if (r != null && r.types().contains("null")) {
              problems.add(childPath + ": required property must not admit null");
            }
          }
          if (component.getType().isPrimitive() && !required.contains(name)) {
            problems.add(childPath + ": primitive component " + type.getSimpleName() + "." + name
                + " can never be absent, so the schema must require it");
          }
          value(component.getGenericType(), property, schemaPointer + "/properties/" + name, childPath, stack);
        }
        for (String name : properties.propertyNames()) {
          if (!components.contains(name)) {
            problems.add(path + "." + name + ": schema property (" + schemaPointer + "/properties/"
                + name + ") has no record component in " + type.getName());
          }
        }
        for (String name : required) {
          if (!components.contains(name)) {
            problems.add(path + "." + name + ": required by the schema (" + schemaPointer
                + ") but not a component of " + type.getName());
          }
        }
      } finally {
        stack.pop();
      }
    }

    void value(Type javaType, JsonNode property, String schemaPointer, String path, Deque<Class<?>> stack) {
      Resolved resolved = resolve(property, schemaPointer);
      if (resolved == null) {
        problems.add(path + " (" + schemaPointer + "): cannot resolve the schema of this property");
        return;
      }
      if (javaType instanceof ParameterizedType parameterized) {
        Class<?> raw = (Class<?>) parameterized.getRawType();
        Type[] args = parameterized.getActualTypeArguments();
        if (List.class.isAssignableFrom(raw)) {
          if (expectType(resolved, "array", path)) {
            JsonNode items = resolved.node().get("items");
            if (items == null) {
              problems.add(path + " (" + resolved.pointer() + "): array without \"items\"");
            } else {
              expectNotNullable(items, resolved.pointer() + "/items", path + "[]");
              value(args[0], items, resolved.pointer() + "/items", path + "[]", stack);
            }
          }
          return;
        }
        if (Map.class.isAssignableFrom(raw)) {
          if (args[0] != String.class) {
            problems.add(path + ": map keys must be String, found " + args[0].getTypeName());
          }
          if (expectType(resolved, "object", path)) {
            JsonNode values = resolved.node().get("additionalProperties");
            if (values == null || !values.isObject()) {
              problems.add(path + " (" + resolved.pointer()
                  + "): a Map must be an object whose \"additionalProperties\" is the value schema");
            } else {
              expectNotNullable(values, resolved.pointer() + "/additionalProperties", path + "{}");
              value(args[1], values, resolved.pointer() + "/additionalProperties", path + "{}", stack);
            }
          }
          return;
        }
        problems.add(path + ": unsupported generic type " + javaType.getTypeName());
        return;
      }
      Class<?> type = (Class<?>) javaType;
      if (type.isRecord()) {
        if (expectType(resolved, "object", path)) {
          record(type, resolved.node(), resolved.pointer(), path, stack);
        }
      } else if (type == String.class) {
        expectType(resolved, "string", path);
      } else if (type == Boolean.class || type == boolean.class) {
        expectType(resolved, "boolean", path);
      } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
        expectType(resolved, "integer", path);
      } else {
        problems.add(path + ": no schema mapping for Java type " + type.getName());
      }
    }

    /** List elements and map values must not be null (the records' compact constructors copy lists). */
    private void expectNotNullable(JsonNode element, String pointer, String path) {
      Resolved resolved = resolve(element, pointer);
      if (resolved != null && resolved.types().contains("null")) {
        problems.add(path + " (" + pointer + "): list elements and map values must not admit null");
      }
    }

    private boolean expectType(Resolved resolved, String expected, String path) {
      Set<String> types = resolved.types();
      if (!types.contains(expected)) {
        problems.add(path + " (" + resolved.pointer() + "): expected schema type \"" + expected
            + "\" but the schema allows " + types);
        return false;
      }
      return true;
    }
  }

  /**
   * A schema node with its {@code $ref}s and nullable {@code anyOf}/{@code oneOf} peeled off;
   * {@code types} are the JSON types every schema on the way allows (a {@code "type"} next to a
   * {@code $ref} narrows the referenced one).
   */
  private record Resolved(JsonNode node, String pointer, Set<String> types) {}

  private static Resolved resolve(JsonNode node, String pointer) {
    Set<String> types = null;
    for (int hops = 0; hops < 32; hops++) {
      Set<String> own = typesOf(node);
      if (!own.isEmpty()) {
        if (types == null) {
          types = own;
        } else {
          types.retainAll(own);
        }
      }
      JsonNode ref = node.get("$ref");
      if (ref != null) {
        String target = ref.asString();
        if (!target.startsWith("#/$defs/")) {
          return null;
        }
        JsonNode resolved = schemaNode.at(target.substring(1));
        if (resolved.isMissingNode()) {
          return null;
        }
        node = resolved;
        pointer = target;
        continue;
      }
      String combinator = node.has("anyOf") ? "anyOf" : node.has("oneOf") ? "oneOf" : null;
      if (combinator != null) {
        List<Integer> nonNull = new ArrayList<>();
        for (int i = 0; i < node.get(combinator).size(); i++) {
          if (!typesOf(node.get(combinator).get(i)).equals(Set.of("null"))) {
            nonNull.add(i);
          }
        }
        if (nonNull.size() != 1) {
          return null;
        }
        pointer = pointer + "/" + combinator + "/" + nonNull.get(0);
        node = node.get(combinator).get(nonNull.get(0));
        continue;
      }
      return new Resolved(node, pointer, types == null ? Set.of() : types);
    }
    return null;
  }

  private static Set<String> typesOf(JsonNode node) {
    Set<String> types = new LinkedHashSet<>();
    if (node.isBoolean() || !node.isObject()) {
      return types;
    }
    JsonNode type = node.get("type");
    if (type != null && type.isString()) {
      types.add(type.asString());
    } else if (type != null && type.isArray()) {
      type.values().forEach(t -> types.add(t.asString()));
    } else if (node.has("const")) {
      JsonNode constant = node.get("const");
      types.add(constant.isIntegralNumber() ? "integer" : constant.isString() ? "string"
          : constant.isBoolean() ? "boolean" : constant.getNodeType().name().toLowerCase());
    }
    return types;
  }

  private static Set<String> requiredOf(JsonNode objectSchema) {
    Set<String> required = new LinkedHashSet<>();
    objectSchema.path("required").values().forEach(n -> required.add(n.asString()));
    return required;
  }

  private static void collectRefs(JsonNode node, Set<String> refs) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getKey().equals("$ref") && e.getValue().isString()) {
          refs.add(e.getValue().asString());
        } else {
          collectRefs(e.getValue(), refs);
        }
      }
    } else if (node.isArray()) {
      node.values().forEach(child -> collectRefs(child, refs));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // networknt json-schema-validator

  @Test
  void schemaIsValidAgainstTheDraft202012MetaSchema() {
    Schema meta = registry.getSchema(SchemaLocation.of(META_SCHEMA));
    List<com.networknt.schema.Error> errors = meta.validate(schemaNode);
    assertThat(errors).as("meta-schema errors").isEmpty();
  }

  @Test
  void minimalDocumentIsValid() {
    assertValid("""
        {"schemaVersion": 1, "generatedAt": "2025-06-01T12:00:00Z"}
        """);
  }

  @Test
  void explicitNullsAreValid() {
    assertValid("""
        {"schemaVersion": 1, "generatedAt": "2025-06-01T12:00:00Z", "tenantId": null, "source": null,
         "registries": [{"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/r",
                         "name": "r", "sku": null, "adminUserEnabled": null, "tokens": null,
                         "policies": {"quarantinePolicy": null, "retentionPolicy": {"days": null, "status": null}}}],
         "clusters": [{"id": "c", "name": "c", "identityProfile": null}],
         "roleAssignments": null, "roleDefinitions": null, "principals": null, "registryActivity": null,
         "clusterPullFailures": null, "coverage": null}
        """);
  }

  @Test
  void fullyPopulatedSnapshotSerialisedByJacksonIsValid() {
    JsonNode document = MAPPER.valueToTree(fullSnapshot());
    List<com.networknt.schema.Error> errors = schema.validate(document);
    assertThat(errors).as("errors for %s", document).isEmpty();
  }

  @Test
  void emptySnapshotSerialisedByJacksonIsValid() {
    Snapshot empty = new Snapshot(1, "2025-06-01T12:00:00Z", null, null, null, null, null, null, null, null, null, null);
    JsonNode document = MAPPER.valueToTree(empty);
    assertThat(schema.validate(document)).as("errors for %s", document).isEmpty();
  }

  @Test
  void unknownRegistryPropertyIsRejectedWithItsPath() {
    List<com.networknt.schema.Error> errors = validate("""
        {"schemaVersion": 1, "generatedAt": "2025-06-01T12:00:00Z",
         "registries": [{"id": "r-id", "name": "r", "adminUserEnabeld": true}]}
        """);
    assertThat(errors).isNotEmpty();
    assertThat(errors.stream().map(Object::toString).collect(Collectors.joining("\n")))
        .contains("/registries/0")
        .contains("adminUserEnabeld");
    assertThat(errors)
        .anySatisfy(e -> {
          assertThat(e.getInstanceLocation().toString()).isEqualTo("/registries/0");
          assertThat(e.getKeyword()).isEqualTo("additionalProperties");
          assertThat(e.getProperty()).isEqualTo("adminUserEnabeld");
        });
  }

  @Test
  void tokenPasswordValueCannotEnterASnapshot() {
    List<com.networknt.schema.Error> errors = validate("""
        {"schemaVersion": 1, "generatedAt": "2025-06-01T12:00:00Z",
         "registries": [{"id": "r-id", "name": "r", "tokens": [{"name": "t",
           "credentials": {"passwords": [{"name": "password1", "value": "s3cret"}]}}]}]}
        """);
    assertThat(errors.stream().map(Object::toString).collect(Collectors.joining("\n")))
        .contains("/registries/0/tokens/0/credentials/passwords/0")
        .contains("value");
  }

  @Test
  void nullListElementsAndMapValuesAreRejected() {
    String prefix = "{\"schemaVersion\": 1, \"generatedAt\": \"2025-06-01T12:00:00Z\", ";
    assertThat(validate(prefix + "\"registries\": [null]}"))
        .extracting(e -> e.getInstanceLocation().toString())
        .containsExactly("/registries/0");
    assertThat(validate(prefix + "\"clusters\": [{\"id\": \"c\", \"name\": \"c\", \"identityProfile\": {\"kubeletidentity\": null}}]}"))
        .isNotEmpty();
    assertThat(validate(prefix + "\"coverage\": {\"workspaces\": [null]}}")).isNotEmpty();
  }

  @Test
  void unknownNestedPropertyGivesOneErrorAtItsPath() {
    List<com.networknt.schema.Error> errors = validate("""
        {"schemaVersion": 1, "generatedAt": "2025-06-01T12:00:00Z",
         "clusters": [{"id": "c", "name": "c", "aadProfile": {"tenantId": "t"}}]}
        """);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).toString()).startsWith("/clusters/0/aadProfile:").contains("tenantId");
  }

  @Test
  void unknownIdentityProfileEntryFieldIsRejected() {
    List<com.networknt.schema.Error> errors = validate("""
        {"schemaVersion": 1, "generatedAt": "2025-06-01T12:00:00Z",
         "clusters": [{"id": "c", "name": "c", "identityProfile": {
            "kubeletidentity": {"resourceId": "x", "clientId": "y", "objectId": "z"},
            "other": {"clientID": "y"}}}]}
        """);
    assertThat(errors.stream().map(Object::toString).collect(Collectors.joining("\n")))
        .contains("/clusters/0/identityProfile/other")
        .doesNotContain("kubeletidentity");
  }

  @Test
  void rootRequirementsAreEnforced() {
    assertThat(validate("{\"generatedAt\": \"2025-06-01T12:00:00Z\"}")).isNotEmpty();
    assertThat(validate("{\"schemaVersion\": 2, \"generatedAt\": \"2025-06-01T12:00:00Z\"}")).isNotEmpty();
    assertThat(validate("{\"schemaVersion\": 1}")).isNotEmpty();
    assertThat(validate("{\"schemaVersion\": 1, \"generatedAt\": \"yesterday\"}"))
        .as("generatedAt must be a date-time (format assertions enabled)")
        .isNotEmpty();
    assertThat(validate("{\"schemaVersion\": 1, \"generatedAt\": null}")).isNotEmpty();
  }

  @Test
  void requiredIdentifiersAreEnforced() {
    String prefix = "{\"schemaVersion\": 1, \"generatedAt\": \"2025-06-01T12:00:00Z\", ";
    assertThat(validate(prefix + "\"registries\": [{\"name\": \"r\"}]}")).isNotEmpty();
    assertThat(validate(prefix + "\"registries\": [{\"id\": null, \"name\": \"r\"}]}")).isNotEmpty();
    assertThat(validate(prefix + "\"roleAssignments\": [{\"id\": \"a\", \"scope\": \"/\", \"principalId\": \"p\"}]}"))
        .isNotEmpty();
    assertThat(validate(prefix + "\"coverage\": {\"gaps\": [{\"scope\": \"/\", \"kind\": \"graph\"}]}}")).isNotEmpty();
    assertThat(validate(prefix + "\"registryActivity\": [{\"pulls\": 3}]}")).isNotEmpty();
  }

  private static List<com.networknt.schema.Error> validate(String json) {
    return schema.validate(MAPPER.readTree(json));
  }

  private static void assertValid(String json) {
    assertThat(validate(json)).as("errors for %s", json).isEmpty();
  }

  /** A snapshot with every component set, so Jackson's output exercises every schema property. */
  private static Snapshot fullSnapshot() {
    String registryId = "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/r";
    Registry registry =
        new Registry(
            registryId, "r", "s", "g", "westeurope",
            new Registry.Sku("Premium", "Premium"),
            "r.azurecr.io", false, "Disabled",
            new Registry.NetworkRuleSet("Deny", List.of(new Registry.IpRule("Allow", "203.0.113.0/24"))),
            "AzureServices", false, true, "AbacRepositoryPermissions",
            new Registry.Policies(
                new Registry.Status("disabled"),
                new Registry.TrustPolicy("Notary", "disabled"),
                new Registry.RetentionPolicy(7, "enabled"),
                new Registry.Status("enabled"),
                new Registry.Status("enabled")),
            List.of(new Token(registryId + "/tokens/t", "t", registryId + "/scopeMaps/_repositories_pull",
                "enabled", "2025-01-01T00:00:00Z", "Succeeded",
                new Token.Credentials(
                    List.of(new Token.Password("password1", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z")),
                    List.of(new Token.Certificate("certificate1", "2026-01-01T00:00:00Z", "AB12"))))),
            List.of(new ScopeMap(registryId + "/scopeMaps/_repositories_pull", "_repositories_pull",
                "SystemDefined", "pull", "2025-01-01T00:00:00Z",
                List.of("repositories/*/content/read"))),
            List.of(new Registry.PrivateEndpointConnection("pec", "pec",
                new Registry.PrivateEndpoint("pe"),
                new Registry.PrivateLinkServiceConnectionState("Approved", "ok"), "Succeeded")),
            List.of(new Registry.DiagnosticSetting("ds", "ds", "ws",
                List.of(new Registry.LogSetting("ContainerRegistryLoginEvents", null, true)))));
    ManagedCluster cluster =
        new ManagedCluster(
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c",
            "c", "s", "g", "westeurope", "1.30.0",
            new ManagedCluster.Identity("SystemAssigned", "pid", "tid"),
            Map.of("kubeletidentity", new ManagedCluster.UserAssignedIdentity("rid", "cid", "oid")),
            new ManagedCluster.ServicePrincipalProfile("msi"),
            new ManagedCluster.AadProfile(true, true, "tid"),
            true, true,
            new ManagedCluster.OidcIssuerProfile(true, "https://oidc.example/"),
            new ManagedCluster.SecurityProfile(new ManagedCluster.WorkloadIdentity(true)));
    return new Snapshot(
        Snapshot.CURRENT_SCHEMA_VERSION,
        "2025-06-01T12:00:00Z",
        "tid",
        new SnapshotSource("azure", "AzureCloud", "arm", "0.1.0"),
        List.of(registry),
        List.of(cluster),
        List.of(new RoleAssignment("ra", "ra", registryId, "pid", "ServicePrincipal",
            "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d",
            null, null, "AcrPull for kubelet", "2025-01-01T00:00:00Z")),
        List.of(new RoleDefinition("/providers/Microsoft.Authorization/roleDefinitions/7f951dda",
            "7f951dda", "AcrPull", "BuiltInRole", "pull",
            List.of(new RoleDefinition.Permission(
                List.of("Microsoft.ContainerRegistry/registries/pull/read"), List.of(), List.of(), List.of())),
            List.of("/"))),
        List.of(new Principal("pid", "ServicePrincipal", "kubelet", "app", "tid", "ManagedIdentity",
            List.of(new Principal.CredentialInfo("k", "p", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z")),
            List.of())),
        List.of(new RegistryActivity(registryId, "r.azurecr.io", "oid", 10L, 1L, 0L, 2L, 3L,
            List.of("203.0.113.7"), List.of("containerd/1.7"), List.of("app"),
            "2025-05-01T00:00:00Z", "2025-05-31T00:00:00Z")),
        List.of(new ClusterPullFailure(cluster.id(), "default", "r.azurecr.io/app:1", "Failed",
            "401 Unauthorized", 4L, "2025-05-31T00:00:00Z")),
        new Coverage(
            List.of(new Coverage.AuditedSubscription("s", "Prod", "tid", "Enabled")),
            new Coverage.LogWindow("2025-05-01T00:00:00Z", "2025-06-01T00:00:00Z"),
            List.of("ws"),
            List.of(new Coverage.Gap("/subscriptions/s", "workspace", "query", 403, "AuthorizationFailed",
                "no read access"))));
  }
}
