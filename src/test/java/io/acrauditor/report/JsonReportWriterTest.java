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
        .containsExactly(
            "formatVersion", "run", "summary", "gate", "controls", "comparison", "findings", "evaluationErrors", "coverage",
            "accessMatrix", "rules");
    assertThat(doc.get("formatVersion").asInt()).isEqualTo(2);
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
  void everyAccessPathOfABusyRegistryIsInTheJsonInReportOrder() {
    AuditResult result = ReportFixtures.withBusyRegistry(ReportFixtures.rich(), 120);
    JsonNode doc = render(result);
    assertThat(SCHEMA.validate(doc)).isEmpty();
    JsonNode matrix = doc.get("accessMatrix");
    assertThat(matrix.size()).isEqualTo(result.accessMatrix().stream().toList().size());
    List<String> busy = new ArrayList<>();
    for (JsonNode row : matrix) {
      if (row.get("registryId").asString().equals(ReportFixtures.BUSY_ACR)) {
        busy.add(row.get("identity").asString());
      }
    }
    // All 120, contiguous and sorted: the JSON has no cap and no beyond-pull-first.
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      expected.add(String.format(java.util.Locale.ROOT, "sp-ci-%03d", i));
    }
    assertThat(busy).isEqualTo(expected);
    // The same order the whole matrix sorted at once would give.
    List<String> sorted =
        result.accessMatrix().stream().sorted(ReportOrder.ACCESS_PATH).map(p -> p.registryId() + "|" + p.identity() + "|" + p.role()).toList();
    List<String> written = new ArrayList<>();
    matrix.forEach(row -> written.add(row.get("registryId").asString() + "|" + row.get("identity").asString() + "|" + row.get("role").asString()));
    assertThat(written).isEqualTo(sorted);
  }

  @Test
  void aBusyRegistryWritesTheSameBytesWhateverTheInputOrder() {
    AuditResult result = ReportFixtures.withBusyRegistry(ReportFixtures.rich(), 120);
    byte[] first = writer.render(result);
    for (long seed = 1; seed <= 3; seed++) {
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
    version.put("formatVersion", 3);
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
            null, null, null, null, null, null, null);
    assertThat(SCHEMA.validate(render(empty))).isEmpty();
  }

  @Test
  void comparisonHasThePreviousRunCountsListsAndTrend() {
    JsonNode comparison = render(ReportFixtures.rich()).get("comparison");
    assertThat(new ArrayList<>(comparison.propertyNames()))
        .containsExactly("previousRunId", "previousRunFinishedAt", "counts", "resolved", "notReassessed", "trend");
    assertThat(comparison.get("previousRunId").asString()).isEqualTo(ReportFixtures.PREVIOUS_RUN);
    assertThat(comparison.get("previousRunFinishedAt").asString()).isEqualTo(ReportFixtures.PREVIOUS_RUN_FINISHED);
    JsonNode counts = comparison.get("counts");
    assertThat(new ArrayList<>(counts.propertyNames()))
        .containsExactly("new", "open", "resolved", "notReassessed", "newlyWaived", "waiverExpired");
    // The fixture has no waivers: nothing newly waived, no waiver expired.
    assertThat(List.of(counts.get("new").asInt(), counts.get("open").asInt(), counts.get("resolved").asInt(),
            counts.get("notReassessed").asInt(), counts.get("newlyWaived").asInt(), counts.get("waiverExpired").asInt()))
        .containsExactly(3, 5, 2, 1, 0, 0);

    // Most severe first, as the findings.
    assertThat(comparison.get("resolved").valueStream().map(r -> r.get("ruleId").asString()).toList())
        .containsExactly("registry.anonymous-pull-enabled", "token.password-expiring-soon");
    JsonNode resolved = comparison.get("resolved").get(0);
    assertThat(new ArrayList<>(resolved.propertyNames()))
        .containsExactly("fingerprint", "ruleId", "title", "severity", "subjectName", "resourceId", "firstSeen",
            "waived");
    assertThat(resolved.get("severity").asString()).isEqualTo("high");
    assertThat(comparison.get("notReassessed").get(0).get("resourceId").asString()).isEqualTo(ReportFixtures.SANDBOX_ACR);

    JsonNode trend = comparison.get("trend");
    assertThat(trend.valueStream().map(p -> p.get("runId").asString()).toList())
        .hasSize(4)
        .endsWith(ReportFixtures.PREVIOUS_RUN, ReportFixtures.rich().run().runId());
    JsonNode last = trend.get(3);
    assertThat(new ArrayList<>(last.get("bySeverity").propertyNames()))
        .containsExactly("critical", "high", "medium", "low", "info");
    assertThat(last.get("bySeverity")).isEqualTo(render(ReportFixtures.rich()).get("summary").get("bySeverity"));
  }

  @Test
  void everyFindingSaysWhetherItIsNewAndSinceWhen() {
    AuditResult result = ReportFixtures.rich();
    JsonNode doc = render(result);
    for (JsonNode f : doc.get("findings")) {
      String subject = f.get("subject").get("name").asString();
      boolean isNew = ReportFixtures.NEW_FINDING_SUBJECTS.contains(subject);
      assertThat(f.get("status").asString()).as(subject).isEqualTo(isNew ? "new" : "open");
      assertThat(f.get("firstSeen").asString()).as(subject).isEqualTo(isNew ? result.run().startedAt() : ReportFixtures.FIRST_SEEN);
      List<String> keys = new ArrayList<>(f.propertyNames());
      assertThat(keys.subList(keys.size() - 3, keys.size())).containsExactly("fingerprint", "status", "firstSeen");
    }
  }

  @Test
  void aFindingTheHistoryDoesNotKnowIsNew() {
    AuditResult result = ReportFixtures.withHostileNames();
    String unknown = result.findings().get(result.findings().size() - 1).fingerprint();
    assertThat(result.comparison().findings()).doesNotContainKey(unknown);
    JsonNode doc = render(result);
    JsonNode finding =
        doc.get("findings").valueStream().filter(f -> f.get("fingerprint").asString().equals(unknown)).findFirst().orElseThrow();
    assertThat(finding.get("status").asString()).isEqualTo("new");
    assertThat(finding.get("firstSeen").asString()).isEqualTo(result.run().startedAt());
    assertThat(doc.get("comparison").get("counts").get("new").asInt()).isEqualTo(4);
  }

  @Test
  void withoutAComparisonThereIsNoComparisonAndNoStatus() {
    String text = new String(writer.render(ReportFixtures.withoutComparison(ReportFixtures.rich())), StandardCharsets.UTF_8);
    JsonNode doc = JSON.readTree(text);
    assertThat(doc.has("comparison")).isFalse();
    assertThat(doc.get("findings")).allSatisfy(f -> assertThat(f.has("status") || f.has("firstSeen")).isFalse());
    assertThat(SCHEMA.validate(doc)).isEmpty();
    assertThat(text).doesNotContain("firstSeen").doesNotContain("\"new\"");
  }

  @Test
  void theFirstRunOverAScopeHasEverythingNewAndValidates() {
    JsonNode doc = render(ReportFixtures.firstRun(ReportFixtures.rich()));
    assertThat(SCHEMA.validate(doc)).isEmpty();
    JsonNode comparison = doc.get("comparison");
    assertThat(comparison.has("previousRunId")).isFalse();
    assertThat(comparison.get("counts").get("new").asInt()).isEqualTo(doc.get("findings").size());
    assertThat(comparison.get("resolved").isEmpty()).isTrue();
    assertThat(comparison.get("trend").size()).isEqualTo(1);
    assertThat(doc.get("findings")).allSatisfy(f -> assertThat(f.get("status").asString()).isEqualTo("new"));
  }

  @Test
  void schemaHoldsStatusesToTheComparison() {
    ObjectNode unknownStatus = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) unknownStatus.get("findings").get(0)).put("status", "fixed");
    assertThat(SCHEMA.validate(unknownStatus)).anySatisfy(e -> assertThat(e).contains("/findings/0/status"));

    ObjectNode missingStatus = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) missingStatus.get("findings").get(1)).remove("status");
    assertThat(SCHEMA.validate(missingStatus)).anySatisfy(e -> assertThat(e).contains("/findings/1").contains("status"));

    ObjectNode statusWithoutComparison = (ObjectNode) render(ReportFixtures.withoutComparison(ReportFixtures.rich()));
    ((ObjectNode) statusWithoutComparison.get("findings").get(0)).put("status", "new");
    assertThat(SCHEMA.validate(statusWithoutComparison)).anySatisfy(e -> assertThat(e).contains("/findings/0"));

    ObjectNode badFirstSeen = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) badFirstSeen.get("findings").get(0)).put("firstSeen", "last tuesday");
    assertThat(SCHEMA.validate(badFirstSeen)).anySatisfy(e -> assertThat(e).contains("/findings/0/firstSeen"));
  }

  @Test
  void schemaRejectsAnInconsistentComparison() {
    ObjectNode resolvedOnFirstRun = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) resolvedOnFirstRun.get("comparison")).remove("previousRunId");
    ((ObjectNode) resolvedOnFirstRun.get("comparison")).remove("previousRunFinishedAt");
    assertThat(SCHEMA.validate(resolvedOnFirstRun)).anySatisfy(e -> assertThat(e).contains("/comparison/resolved"));

    ObjectNode timeWithoutRun = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) timeWithoutRun.get("comparison")).remove("previousRunId");
    assertThat(SCHEMA.validate(timeWithoutRun)).anySatisfy(e -> assertThat(e).contains("previousRunId"));

    ObjectNode badTrend = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) badTrend.get("comparison").get("trend").get(0).get("bySeverity")).remove("info");
    assertThat(SCHEMA.validate(badTrend)).anySatisfy(e -> assertThat(e).contains("/comparison/trend/0/bySeverity"));

    ObjectNode badResolved = (ObjectNode) render(ReportFixtures.rich());
    ((ObjectNode) badResolved.get("comparison").get("resolved").get(0)).put("severity", "urgent");
    assertThat(SCHEMA.validate(badResolved)).anySatisfy(e -> assertThat(e).contains("/comparison/resolved/0/severity"));
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
