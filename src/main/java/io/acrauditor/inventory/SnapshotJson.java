package io.acrauditor.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson configuration for snapshots: absent stays absent, unknown fields are refused. */
public final class SnapshotJson {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL)
          .withContentInclusion(JsonInclude.Include.NON_NULL))
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private SnapshotJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }
}
