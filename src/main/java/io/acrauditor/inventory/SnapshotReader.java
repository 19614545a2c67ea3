package io.acrauditor.inventory;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a snapshot and refuses anything it cannot vouch for: malformed JSON, an unknown
 * {@code schemaVersion}, or a document the shipped JSON Schema rejects. Every refusal names the
 * file, the JSON pointer (and line where known) and what was expected.
 */
public final class SnapshotReader {
  private static final String SCHEMA_RESOURCE = "/schema/snapshot.schema.json";

  private final JsonMapper mapper = SnapshotJson.mapper();
  private final Schema schema;

  public SnapshotReader() {
    try (InputStream in = SnapshotReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
      }
      JsonNode schemaNode = mapper.readTree(in);
      // Format assertions are off by default in networknt; "generatedAt": "yesterday" must fail.
      this.schema = SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_2020_12,
              b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
          .getSchema(schemaNode);
      schema.initializeValidators();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the snapshot schema", e);
    }
  }

  public Snapshot read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SnapshotException(file.toString(), null, "no such file");
    } catch (IOException e) {
      throw new SnapshotException(file.toString(), null, "cannot be read (" + e.getMessage() + ")");
    }
    return read(bytes, file.toString());
  }

  public Snapshot read(byte[] json, String source) {
    JsonNode tree = parse(json, source);
    checkVersion(tree, json, source);
    List<com.networknt.schema.Error> errors = schema.validate(tree);
    if (!errors.isEmpty()) {
      com.networknt.schema.Error first = errors.get(0);
      String jsonPointer = toJsonPointer(first.getInstanceLocation().toString());
      if ("additionalProperties".equals(first.getKeyword()) && first.getProperty() != null) {
        // Point at the stray property itself, not at the object that holds it.
        jsonPointer = ("/".equals(jsonPointer) ? "" : jsonPointer) + "/" + first.getProperty();
      }
      int line = JsonLines.lineOf(json, jsonPointer);
      String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : "";
      throw new SnapshotException(source, where(jsonPointer, line), first.getMessage() + more);
    }
    try {
      return mapper.treeToValue(tree, Snapshot.class);
    } catch (JacksonException e) {
      // The schema and the records are kept in step by a test; reaching this is a bug worth naming.
      throw new SnapshotException(source, null, "does not fit the inventory model: " + e.getOriginalMessage());
    }
  }

  private JsonNode parse(byte[] json, String source) {
    try {
      JsonNode tree = mapper.readTree(json);
      if (tree == null || tree.isMissingNode() || !tree.isObject()) {
        throw new SnapshotException(source, "line 1", "expected a JSON object (an inventory snapshot)");
      }
      return tree;
    } catch (StreamReadException e) {
      TokenStreamLocation at = e.getLocation();
      String location = at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SnapshotException(source, location, "malformed JSON: " + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw new SnapshotException(source, null, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static void checkVersion(JsonNode tree, byte[] json, String source) {
    JsonNode version = tree.get("schemaVersion");
    if (version == null) {
      throw new SnapshotException(source, "/schemaVersion", "required property is missing; expected "
          + Snapshot.CURRENT_SCHEMA_VERSION);
    }
    if (!version.isIntegralNumber() || version.asInt() != Snapshot.CURRENT_SCHEMA_VERSION) {
      throw new SnapshotException(
          source,
          where("/schemaVersion", JsonLines.lineOf(json, "/schemaVersion")),
          "unsupported schemaVersion " + version + "; this auditor reads schemaVersion "
              + Snapshot.CURRENT_SCHEMA_VERSION);
    }
  }

  /** networknt reports locations as {@code $.registries[0].name}; users of JSON know pointers. */
  static String toJsonPointer(String location) {
    if (location.startsWith("/")) {
      return location;
    }
    String path = location.startsWith("$") ? location.substring(1) : location;
    StringBuilder pointer = new StringBuilder();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        pointer.append('/').append(path, i + 1, end);
        i = end;
      } else if (c == '[') {
        int end = path.indexOf(']', i);
        String inside = path.substring(i + 1, end);
        if (inside.startsWith("'") && inside.endsWith("'")) {
          inside = inside.substring(1, inside.length() - 1);
        }
        pointer.append('/').append(inside);
        i = end + 1;
      } else {
        i++;
      }
    }
    return pointer.isEmpty() ? "/" : pointer.toString();
  }

  private static String where(String pointer, int line) {
    return line > 0 ? pointer + " (line " + line + ")" : pointer;
  }
}
