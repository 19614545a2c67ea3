package io.acrauditor.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.acrauditor.findings.Severity;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON conventions of every report file: stable key order, ISO dates, no nulls. */
final class ReportJson {
  private ReportJson() {}

  /** Severities appear in reports as the lower-case words rule files use. */
  abstract static class SeverityAsLabel {
    @JsonValue
    abstract String label();
  }

  static final JsonMapper MAPPER =
      // Invisible and reordering characters in values are escaped (VisibleEscapes).
      JsonMapper.builder(JsonFactory.builder().characterEscapes(new VisibleEscapes()).build())
          .enable(SerializationFeature.INDENT_OUTPUT)
          // Record components keep their declared order; maps (evidence, parameters) are sorted,
          // because their insertion order is an accident of how they were built.
          .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .changeDefaultPropertyInclusion(
              v -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .addMixIn(Severity.class, SeverityAsLabel.class)
          .build();

  /** The same conventions, one document per line: for the JSON Lines formats. */
  static final JsonMapper LINES = MAPPER.rebuild().disable(SerializationFeature.INDENT_OUTPUT).build();
}
