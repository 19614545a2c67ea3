package io.acrauditor.inventory;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a snapshot and refuses anything it cannot vouch for: malformed JSON, an unknown
 * {@code schemaVersion}, or a document the shipped JSON Schema rejects. Every refusal names the
 * source, the JSON pointer (and line where known) and what was expected.
 *
 * <p>The document is read as a stream: each element of each collection is parsed, checked against
 * its part of the schema and bound to a record on its own, so a snapshot of a large estate never
 * exists in memory as text or as a tree, only as the records it holds.
 */
public final class SnapshotReader {
  private static final String SCHEMA_RESOURCE = "/schema/snapshot.schema.json";
  private static final String SCHEMA_ID = "https://acrauditor.io/schema/snapshot-1.json";

  /** Re-opens the document: needed only to find the line of an error after the fact. */
  @FunctionalInterface
  private interface Source {
    InputStream open() throws IOException;
  }

  private final JsonMapper mapper = SnapshotJson.mapper();
  private final SchemaRegistry schemas;
  private final Map<String, Schema> propertySchemas = new HashMap<>();
  private final Map<String, Schema> elementSchemas = new HashMap<>();

  public SnapshotReader() {
    String schemaText;
    try (InputStream in = SnapshotReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
      }
      schemaText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the snapshot schema", e);
    }
    // Format assertions are off by default in networknt; "generatedAt": "yesterday" must fail.
    this.schemas = SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_2020_12,
        b -> b.schemas(Map.of(SCHEMA_ID, schemaText))
            .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    JsonNode properties = mapper.readTree(schemaText).get("properties");
    for (String name : properties.propertyNames()) {
      JsonNode property = properties.get(name);
      propertySchemas.put(name, schema("/properties/" + name));
      if (property.has("items")) {
        elementSchemas.put(name, schema("/properties/" + name + "/items"));
      }
    }
  }

  private Schema schema(String pointer) {
    Schema schema = schemas.getSchema(SchemaLocation.of(SCHEMA_ID + "#" + pointer));
    schema.initializeValidators();
    return schema;
  }

  public Snapshot read(Path file) {
    return read(file, file.toString());
  }

  /** Reads {@code file}, naming it {@code displayName} in errors (the user's file, not a copy). */
  public Snapshot read(Path file, String displayName) {
    if (!Files.isRegularFile(file)) {
      throw new SnapshotException(displayName, null, Files.exists(file) ? "is not a file" : "no such file");
    }
    return read(() -> Files.newInputStream(file), displayName);
  }

  public Snapshot read(byte[] json, String source) {
    return read(() -> new ByteArrayInputStream(json), source);
  }

  private Snapshot read(Source source, String name) {
    try (InputStream in = source.open(); JsonParser parser = mapper.createParser(in)) {
      return new Document(parser, source, name).read();
    } catch (NoSuchFileException e) {
      throw new SnapshotException(name, null, "no such file");
    } catch (StreamReadException e) {
      TokenStreamLocation at = e.getLocation();
      String location = at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SnapshotException(name, location, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SnapshotException(name, null, "cannot be read (" + e.getMessage() + ")");
    }
  }

  /** One pass over one document. */
  private final class Document {
    private final JsonParser parser;
    private final Source source;
    private final String name;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, List<Object>> lists = new HashMap<>();

    Document(JsonParser parser, Source source, String name) {
      this.parser = parser;
      this.source = source;
      this.name = name;
    }

    Snapshot read() throws IOException {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new SnapshotException(name, "line 1", "expected a JSON object (an inventory snapshot)");
      }
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String property = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!propertySchemas.containsKey(property)) {
          throw new SnapshotException(name, at("/" + property, parser.currentTokenLocation()),
              "property '" + property + "' is not defined in the schema and the schema does not allow additional properties");
        }
        if (property.equals("schemaVersion")) {
          checkVersion(readValue());
        } else if (value == JsonToken.START_ARRAY && elementSchemas.containsKey(property)) {
          readElements(property);
        } else {
          JsonNode node = readValue();
          validate(propertySchemas.get(property), "/" + property, node, parser.currentTokenLocation());
          values.put(property, node);
        }
      }
      if (!values.containsKey("schemaVersion")) {
        throw new SnapshotException(name, "/schemaVersion",
            "required property is missing; expected " + Snapshot.CURRENT_SCHEMA_VERSION);
      }
      if (!values.containsKey("generatedAt")) {
        throw new SnapshotException(name, "/generatedAt", "required property is missing; expected a date-time");
      }
      return assemble();
    }

    /** The value at the parser, as a tree; the parser moves past it. */
    private JsonNode readValue() {
      return parser.readValueAsTree();
    }

    private void checkVersion(JsonNode version) {
      if (!version.isIntegralNumber() || version.asInt() != Snapshot.CURRENT_SCHEMA_VERSION) {
        throw new SnapshotException(name, at("/schemaVersion", parser.currentTokenLocation()),
            "unsupported schemaVersion " + version + "; this auditor reads schemaVersion "
                + Snapshot.CURRENT_SCHEMA_VERSION);
      }
      values.put("schemaVersion", version);
    }

    private void readElements(String property) throws IOException {
      Class<?> type = elementType(property);
      List<Object> elements = new ArrayList<>();
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        TokenStreamLocation start = parser.currentTokenLocation();
        JsonNode element = readValue();
        String pointer = "/" + property + "/" + index;
        validate(elementSchemas.get(property), pointer, element, start);
        try {
          elements.add(mapper.treeToValue(element, type));
        } catch (JacksonException e) {
          // The schema and the records are kept in step by a test; reaching this is a bug worth naming.
          throw new SnapshotException(name, pointer, "does not fit the inventory model: " + e.getOriginalMessage());
        }
        index++;
      }
      lists.put(property, elements);
    }

    private void validate(Schema schema, String pointer, JsonNode node, TokenStreamLocation start) {
      List<com.networknt.schema.Error> errors = schema.validate(node);
      if (errors.isEmpty()) {
        return;
      }
      com.networknt.schema.Error first = errors.get(0);
      String inner = first.getInstanceLocation().toString();
      String full = pointer + ("/".equals(inner) || inner.isEmpty() ? "" : inner);
      if ("additionalProperties".equals(first.getKeyword()) && first.getProperty() != null) {
        // Point at the stray property itself, not at the object that holds it.
        full = full + "/" + first.getProperty();
      }
      String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : "";
      throw new SnapshotException(name, at(full, start), messageOf(first) + more);
    }

    /** A pointer with the line where its value starts, found by reading the document again. */
    private String at(String pointer, TokenStreamLocation fallback) {
      int line = -1;
      try (InputStream in = source.open()) {
        line = JsonLines.lineOf(in, pointer);
      } catch (IOException | RuntimeException e) {
        // Only the line is lost; the pointer is still exact.
      }
      if (line < 0 && fallback != null) {
        line = fallback.getLineNr();
      }
      return line > 0 ? pointer + " (line " + line + ")" : pointer;
    }

    private Snapshot assemble() {
      JsonNode generatedAt = (JsonNode) values.get("generatedAt");
      JsonNode tenant = (JsonNode) values.get("tenantId");
      JsonNode source = (JsonNode) values.get("source");
      JsonNode coverage = (JsonNode) values.get("coverage");
      return new Snapshot(
          ((JsonNode) values.get("schemaVersion")).asInt(),
          generatedAt.asString(),
          tenant == null || tenant.isNull() ? null : tenant.asString(),
          source == null || source.isNull() ? null : mapper.treeToValue(source, SnapshotSource.class),
          list("registries"),
          list("clusters"),
          list("roleAssignments"),
          list("roleDefinitions"),
          list("principals"),
          list("registryActivity"),
          list("clusterPullFailures"),
          coverage == null || coverage.isNull() ? null : mapper.treeToValue(coverage, Coverage.class));
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> list(String property) {
      return (List<T>) lists.getOrDefault(property, List.of());
    }
  }

  private static Class<?> elementType(String property) {
    return switch (property) {
      case "registries" -> Registry.class;
      case "clusters" -> ManagedCluster.class;
      case "roleAssignments" -> RoleAssignment.class;
      case "roleDefinitions" -> RoleDefinition.class;
      case "principals" -> Principal.class;
      case "registryActivity" -> RegistryActivity.class;
      case "clusterPullFailures" -> ClusterPullFailure.class;
      default -> throw new IllegalStateException("no record type for the collection " + property);
    };
  }

  private static String messageOf(com.networknt.schema.Error error) {
    return error.getMessage() == null ? error.toString() : error.getMessage();
  }

}
