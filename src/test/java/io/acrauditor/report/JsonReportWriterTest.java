package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.AuditResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class JsonReportWriterTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final FindingsSchema SCHEMA = new FindingsSchema();

  private final JsonReportWriter writer = new JsonReportWriter();

  private JsonNode render(AuditResult result) {
    return JSON.readTree(new String(writer.render(result), StandardCharsets.UTF_8));
  }

  @Test
  void richResultValidatesAgainstTheShippedSchema() {
    assertThat(SCHEMA.validate(render(ReportFixtures.rich()))).isEmpty();
    // The schema only accepts web links; the hostile fixture carries a javascript: URL on purpose.
    assertThat(SCHEMA.validate(render(ReportFixtures.withHostileNames())))
        .singleElement()
        .satisfies(e -> assertThat(e).contains("/references/0/url"));
  }

  @Test
  void documentHasFormatVersionTopLevelOrderAndLowerCaseSeverities() {
    JsonNode doc = render(ReportFixtures.rich());
    List<String> keys = new ArrayList<>(doc.propertyNames());
    assertThat(keys)
        .containsExactly("formatVersion", "run", "summary", "findings", "evaluationErrors", "coverage", "accessMatrix", "rules");
    assertThat(doc.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(new ArrayList<>(doc.get("summary").get("bySeverity").propertyNames()))
        .containsExactly("critical", "high", "medium", "low", "info");
    assertThat(doc.get("findings").get(0).get("severity").asString()).isEqualTo("critical");
    assertThat(new ArrayList<>(doc.get("findings").get(0).propertyNames()))
        .startsWith("ruleId", "title", "severity", "subject", "message");
  }

  @Test
  void nullsAreOmittedAndTimesAreIsoStrings() {
    String text = new String(writer.render(ReportFixtures.rich()), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain(": null").doesNotContain(":null");
    JsonNode doc = JSON.readTree(text);
    JsonNode lastSeen = findBySubject(doc, "sp-ci-legacy → Owner").get("evidence").get("lastSeen");
    assertThat(lastSeen.isString()).isTrue();
    assertThat(lastSeen.asString()).isEqualTo("2026-11-22T23:41:09Z");
    JsonNode tokenFinding = findByRule(doc, "token.scope-map-write");
    assertThat(tokenFinding.get("evidence").has("unknownField")).isFalse();
    assertThat(text).endsWith("}\n").contains("\n  \"run\"");
  }

  @Test
  void outputIsTheSameWhateverTheInputOrder() {
    AuditResult result = ReportFixtures.rich();
    byte[] first = writer.render(result);
    for (long seed = 1; seed <= 5; seed++) {
      assertThat(writer.render(ReportFixtures.shuffled(result, seed))).isEqualTo(first);
    }
  }

  @Test
  void schemaRejectsAFindingWithoutFingerprint() {
    ObjectNode doc = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) doc.get("findings").get(2)).remove("fingerprint");
    assertThat(SCHEMA.validate(doc)).anySatisfy(e -> assertThat(e).contains("/findings/2").contains("fingerprint"));
  }

  @Test
  void schemaRejectsAnUnknownSeverity() {
    ObjectNode doc = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) doc.get("findings").get(0)).put("severity", "urgent");
    assertThat(SCHEMA.validate(doc)).anySatisfy(e -> assertThat(e).contains("/findings/0/severity"));
  }

  @Test
  void schemaRejectsUnknownFieldsWrongVersionAndBadValues() {
    ObjectNode extra = (ObjectNode) render(ReportFixtures.rich());
    extra.put("surprise", true);
    assertThat(SCHEMA.validate(extra)).isNotEmpty();

    ObjectNode version = (ObjectNode) render(ReportFixtures.rich());
    version.put("formatVersion", 2);
    assertThat(SCHEMA.validate(version)).anySatisfy(e -> assertThat(e).contains("formatVersion"));

    ObjectNode path = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) path.get("accessMatrix").get(0)).put("path", "magic");
    assertThat(SCHEMA.validate(path)).anySatisfy(e -> assertThat(e).contains("/accessMatrix/0/path"));

    ObjectNode sha = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) sha.get("run")).put("snapshotSha256", "not-a-digest");
    assertThat(SCHEMA.validate(sha)).anySatisfy(e -> assertThat(e).contains("/run/snapshotSha256"));

    ObjectNode time = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) time.get("run")).put("startedAt", "yesterday");
    assertThat(SCHEMA.validate(time)).anySatisfy(e -> assertThat(e).contains("/run/startedAt"));

    ObjectNode evidence = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) evidence.get("findings").get(0).get("evidence")).put("anythingGoes", "evidence is open");
    assertThat(SCHEMA.validate(evidence)).isEmpty();
  }

  @Test
  void emptyResultStillValidates() {
    AuditResult empty =
        new AuditResult(
            new io.acrauditor.findings.RunMetadata("r1", "0.1.0", "2026-11-23T02:00:00Z", null, null, null, null,
                "0".repeat(64), "sha256:abc", null, null, null),
            null, null, null, null, null, null);
    assertThat(SCHEMA.validate(render(empty))).isEmpty();
  }

  private static JsonNode findBySubject(JsonNode doc, String name) {
    for (JsonNode f : doc.get("findings")) {
      if (f.get("subject").get("name").asString().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no finding about " + name);
  }

  private static JsonNode findByRule(JsonNode doc, String ruleId) {
    for (JsonNode f : doc.get("findings")) {
      if (f.get("ruleId").asString().equals(ruleId)) {
        return f;
      }
    }
    throw new AssertionError("no finding of " + ruleId);
  }
}
