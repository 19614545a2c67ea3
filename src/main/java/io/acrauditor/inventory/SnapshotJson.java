package io.acrauditor.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson configuration for snapshots: absent stays absent, unknown fields are refused. */
public final class SnapshotJson {
  private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

  private SnapshotJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * The mapper for reading evidence: the same binding, within {@code limits}, and a key that
   * appears twice in one object is an error instead of the last value silently winning.
   */
  static JsonMapper.Builder strictReader(EvidenceLimits limits) {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(limits.constraints())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    return configure(JsonMapper.builder(factory));
  }

  private static JsonMapper.Builder configure(JsonMapper.Builder builder) {
    return builder
        .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL)
            .withContentInclusion(JsonInclude.Include.NON_NULL))
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }
}
