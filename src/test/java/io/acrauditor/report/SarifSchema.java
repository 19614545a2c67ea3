package io.acrauditor.report;

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
 * The official SARIF 2.1.0 (Errata 01) JSON schema, a copy in the test resources (source and
 * licence in {@code src/test/resources/sarif/README.md}); a draft-04 schema.
 */
public final class SarifSchema {
  private static final String RESOURCE = "/sarif/sarif-schema-2.1.0.json";

  private final Schema schema;

  public SarifSchema() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_4,
        b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    try (InputStream in = SarifSchema.class.getResourceAsStream(RESOURCE)) {
      this.schema = registry.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Problems as "JSON path: message", empty when the document is valid SARIF 2.1.0. */
  public List<String> validate(JsonNode document) {
    return schema.validate(document).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }
}
