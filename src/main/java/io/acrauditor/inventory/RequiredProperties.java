package io.acrauditor.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which properties of an inventory record every snapshot must carry, from the shipped snapshot
 * JSON Schema ({@code required} of the definition named like the record). Everything else is
 * optional: Azure may leave it out, and a rule that reads it must say what absence means.
 */
public final class RequiredProperties {
  private static final String SCHEMA = "/schema/snapshot.schema.json";
  private static final Map<String, Set<String>> BY_DEFINITION = load();

  private RequiredProperties() {}

  /** The required top-level properties of a record type; empty when the schema requires none. */
  public static Set<String> of(Class<? extends Record> record) {
    return BY_DEFINITION.getOrDefault(record.getSimpleName(), Set.of());
  }

  private static Map<String, Set<String>> load() {
    try (InputStream in = RequiredProperties.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA + " is missing from the classpath");
      }
      JsonNode definitions = JsonMapper.builder().build().readTree(in).path("$defs");
      Map<String, Set<String>> required = new HashMap<>();
      for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
        Set<String> names = new HashSet<>();
        definition.getValue().path("required").forEach(name -> names.add(name.asString()));
        required.put(definition.getKey(), Set.copyOf(names));
      }
      return Map.copyOf(required);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
