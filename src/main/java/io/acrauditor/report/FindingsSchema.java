package io.acrauditor.report;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema of {@code findings.json} shipped in the jar, for anyone who reads a run's
 * findings back (the next run's comparison, tests) and wants to know the document is one of ours.
 */
public final class FindingsSchema {
  public static final String RESOURCE = "/schema/findings.schema.json";

  private final Schema schema;

  public FindingsSchema() {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            // date-time and uri are assertions here, not annotations: a report with a malformed
            // timestamp is a bug, not a style.
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    try (InputStream in = FindingsSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      this.schema = registry.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Problems as "JSON path: message", empty when the document is valid. */
  public List<String> validate(JsonNode document) {
    return schema.validate(document).stream().map(FindingsSchema::describe).toList();
  }

  private static String describe(Error error) {
    return error.getInstanceLocation() + ": " + error.getMessage();
  }
}
