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
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a snapshot and refuses anything it cannot vouch for: malformed JSON, an unknown
 * {@code schemaVersion}, or a document the shipped JSON Schema rejects. Every refusal names the
 * source, the JSON pointer (and line where known) and what was expected.
 *
 * <p>The document is read as a stream: each element of each collection is parsed, checked against
 * its part of the schema and bound to a record on its own, so a snapshot of a large estate never
 * exists in memory as text or as a tree, only as the records it holds. Role assignments, most of
 * a large estate, can be handed to the caller one at a time instead of being kept, and read again
 * later with {@link #roleAssignments(Path)}.
 */
public final class SnapshotReader {
  private static final String SCHEMA_RESOURCE = "/schema/snapshot.schema.json";
  private static final String SCHEMA_ID = "https://acrauditor.io/schema/snapshot-1.json";

  /** Re-opens the document: needed only to find the line of an error after the fact. */
  @FunctionalInterface
  private interface Source {
    InputStream open() throws IOException;
  }

  /** Binds one element where the parser stands; the array goes on after it. */
  private static final ObjectReader ELEMENT_READER = SnapshotJson.mapper()
      .readerFor(RoleAssignment.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final EvidenceLimits limits;
  /**
   * The strict snapshot mapper (limits, no duplicate keys), sharing equal strings within this
   * reader's reads (see {@link SharedStrings}).
   */
  private final JsonMapper mapper;
  private final SchemaRegistry schemas;
  private final Map<String, Schema> propertySchemas = new HashMap<>();
  private final Map<String, Schema> elementSchemas = new HashMap<>();

  /** A reader within the default limits, or the document bound set in the environment. */
  public SnapshotReader() {
    this(EvidenceLimits.fromEnvironment());
  }

  public SnapshotReader(EvidenceLimits limits) {
    this.limits = limits;
    this.mapper = SnapshotJson.strictReader(limits).addModule(SharedStrings.module()).build();
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
    JsonNode properties = SnapshotJson.mapper().readTree(schemaText).get("properties");
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
    return read(file, displayName, null);
  }

  /**
   * Reads {@code file} as {@link #read(Path, String)} does, except that each role assignment, once
   * checked, goes to {@code roleAssignments} and is not kept: the snapshot returned has none. The
   * caller keeps what it needs of each and reads them again with {@link #roleAssignments(Path)}.
   */
  public Snapshot read(Path file, String displayName, Consumer<RoleAssignment> roleAssignments) {
    if (!Files.isRegularFile(file)) {
      throw new SnapshotException(displayName, null, Files.exists(file) ? "is not a file" : "no such file");
    }
    return read(() -> Files.newInputStream(file), displayName, roleAssignments);
  }

  public Snapshot read(byte[] json, String source) {
    return read(() -> new ByteArrayInputStream(json), source, null);
  }

  /**
   * The role assignments of a snapshot file this reader has accepted, in document order, bound to
   * records without checking them against the schema again. The stream holds the file open until
   * it is closed.
   */
  public static Stream<RoleAssignment> roleAssignments(Path file) {
    JsonParser parser = null;
    try {
      parser = SnapshotJson.mapper().createParser(Files.newInputStream(file));
      JsonParser open = parser;
      boolean found = skipTo(open, "roleAssignments");
      Spliterator<RoleAssignment> elements = new Spliterators.AbstractSpliterator<>(
          Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
        private boolean done = !found;

        @Override
        public boolean tryAdvance(Consumer<? super RoleAssignment> action) {
          if (done) {
            return false;
          }
          try {
            if (open.nextToken() != JsonToken.START_OBJECT) {
              done = true;
              return false;
            }
            action.accept(ELEMENT_READER.readValue(open));
            return true;
          } catch (JacksonException e) {
            throw new SnapshotException(file.toString(), null,
                "changed since it was read: the role assignments no longer parse (" + e.getOriginalMessage() + ")");
          }
        }
      };
      return StreamSupport.stream(elements, false).onClose(open::close);
    } catch (IOException | JacksonException e) {
      if (parser != null) {
        parser.close();
      }
      throw new SnapshotException(file.toString(), null, "cannot be read again (" + e.getMessage() + ")");
    }
  }

  /** Moves {@code parser} into the top-level array {@code property}; false when there is none. */
  private static boolean skipTo(JsonParser parser, String property) {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return false;
    }
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals(property) && value == JsonToken.START_ARRAY) {
        return true;
      }
      parser.skipChildren();
    }
    return false;
  }

  private Snapshot read(Source source, String name, Consumer<RoleAssignment> roleAssignments) {
    try (InputStream in = source.open(); JsonParser parser = mapper.createParser(in)) {
      Document document = new Document(parser, source, name, roleAssignments);
      try {
        return document.read();
      } catch (StreamConstraintsException e) {
        throw document.refuse(e, limits.describe(e.getOriginalMessage()));
      } catch (StreamReadException e) {
        throw document.refuse(e, duplicate(e) ? "duplicate key '" + parser.streamReadContext().currentName()
            + "': an object may name each property once, so the evidence means one thing" : "malformed JSON: "
            + e.getOriginalMessage());
      }
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
    /** Where role assignments go instead of the snapshot; null to keep them. */
    private final Consumer<RoleAssignment> roleAssignments;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, List<Object>> lists = new HashMap<>();

    Document(JsonParser parser, Source source, String name, Consumer<RoleAssignment> roleAssignments) {
      this.parser = parser;
      this.source = source;
      this.name = name;
      this.roleAssignments = roleAssignments;
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
      requireEnd();
      if (!values.containsKey("schemaVersion")) {
        throw new SnapshotException(name, "/schemaVersion",
            "required property is missing; expected " + Snapshot.CURRENT_SCHEMA_VERSION);
      }
      if (!values.containsKey("generatedAt")) {
        throw new SnapshotException(name, "/generatedAt", "required property is missing; expected a date-time");
      }
      return assemble();
    }

    /** A snapshot is one JSON object: a second document or stray text after it is refused. */
    private void requireEnd() {
      TokenStreamLocation end = parser.currentTokenLocation();
      String after = "after the snapshot object (line " + end.getLineNr() + ", column " + end.getColumnNr() + ")";
      JsonToken next;
      try {
        next = parser.nextToken();
      } catch (StreamReadException e) {
        next = JsonToken.NOT_AVAILABLE;
      }
      if (next != null) {
        TokenStreamLocation at = parser.currentTokenLocation();
        throw new SnapshotException(name, "line " + at.getLineNr() + ", column " + at.getColumnNr(),
            "content " + after + "; a snapshot is exactly one JSON document");
      }
    }

    /**
     * A parse that failed, at the JSON pointer of the value being read (the parser's context
     * still stands there) and the line and column where it stopped.
     */
    SnapshotException refuse(JacksonException e, String problem) {
      TokenStreamLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
      String pointer = JsonLines.pointerOf(parser.streamReadContext());
      String location = (pointer.isEmpty() ? "" : pointer + " ")
          + "(line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      return new SnapshotException(name, location, problem);
    }

    /** The value at the parser, as a tree; the parser moves past it. */
    private JsonNode readValue() {
      return parser.readValueAsTree();
    }

    private void checkVersion(JsonNode version) {
      // canConvertToInt first: asInt() of 2^40 throws instead of answering.
      if (!version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() != Snapshot.CURRENT_SCHEMA_VERSION) {
        throw new SnapshotException(name, at("/schemaVersion", parser.currentTokenLocation()),
            "unsupported schemaVersion " + version + "; this auditor reads schemaVersion "
                + Snapshot.CURRENT_SCHEMA_VERSION);
      }
      values.put("schemaVersion", version);
    }

    private void readElements(String property) throws IOException {
      Class<?> type = elementType(property);
      Consumer<RoleAssignment> handOver = property.equals("roleAssignments") ? roleAssignments : null;
      List<Object> elements = new ArrayList<>();
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        TokenStreamLocation start = parser.currentTokenLocation();
        JsonNode element = readValue();
        String pointer = "/" + property + "/" + index;
        validate(elementSchemas.get(property), pointer, element, start);
        try {
          Object record = mapper.treeToValue(element, type);
          if (handOver != null) {
            handOver.accept((RoleAssignment) record);
          } else {
            elements.add(record);
          }
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

  private static boolean duplicate(StreamReadException e) {
    String message = e.getOriginalMessage();
    return message != null && message.startsWith("Duplicate Object property");
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
