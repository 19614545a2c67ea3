package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.RunComparison.PastFinding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class OcsfReportWriterTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final OcsfClass DETECTION_FINDING = OcsfClass.detectionFinding();

  private static List<JsonNode> render(AuditResult result) {
    String text = new String(new OcsfReportWriter().render(result), StandardCharsets.UTF_8);
    return text.lines().map(JSON::readTree).toList();
  }

  @Test
  void everyLineIsAValidDetectionFindingOfTheSchemaVersionItNames() {
    List<JsonNode> events = render(FormatFixtures.withFormulaNames());
    assertThat(events).isNotEmpty();
    for (JsonNode event : events) {
      assertThat(DETECTION_FINDING.problems(event)).as(event.toString()).isEmpty();
      assertThat(event.at("/metadata/version").asString()).isEqualTo(DETECTION_FINDING.version());
    }
  }

  @Test
  void theCheckCatchesWhatIsWrong() {
    ObjectNode event = (ObjectNode) render(ReportFixtures.rich()).get(0);
    event.remove("finding_info");
    event.put("severity_id", 7);
    event.put("type_uid", 200499);
    event.put("made_up", 1);
    ((ObjectNode) event.get("cloud")).remove("provider");
    assertThat(DETECTION_FINDING.problems(event)).anySatisfy(p -> assertThat(p).contains("finding_info"))
        .anySatisfy(p -> assertThat(p).contains("severity_id 7"))
        .anySatisfy(p -> assertThat(p).contains("type_uid"))
        .anySatisfy(p -> assertThat(p).contains("made_up"))
        .anySatisfy(p -> assertThat(p).contains("cloud: missing required attribute provider"));
  }

  @Test
  void findingsThenResolvedOnesWithTheirStatusActivityAndResource() {
    AuditResult result = ReportFixtures.rich();
    List<JsonNode> events = render(result);
    List<PastFinding> resolved = result.comparison().resolved();
    assertThat(events).hasSize(result.findings().size() + resolved.size());

    Map<String, JsonNode> byUid = new HashMap<>();
    events.forEach(e -> byUid.put(e.at("/finding_info/uid").asString(), e));
    for (Finding f : result.findings()) {
      JsonNode e = byUid.get(f.fingerprint());
      boolean isNew = ReportFixtures.NEW_FINDING_SUBJECTS.contains(f.subject().name());
      assertThat(e.get("status_id").asInt()).as(f.subject().name()).isEqualTo(isNew ? 1 : 2);
      assertThat(e.get("activity_id").asInt()).isEqualTo(isNew ? 1 : 2);
      assertThat(e.at("/finding_info/analytic/uid").asString()).isEqualTo(f.ruleId());
      assertThat(e.at("/finding_info/title").asString()).isEqualTo(f.title());
      assertThat(e.at("/resources/0/uid").asString()).isEqualTo(f.subject().resourceId());
      if (f.subject().subscriptionId() == null) {
        assertThat(e.at("/cloud/account").isMissingNode()).as("no account for %s", f.subject().name()).isTrue();
      } else {
        assertThat(e.at("/cloud/account/uid").asString()).isEqualTo(f.subject().subscriptionId());
      }
      assertThat(e.get("severity_id").asInt()).isEqualTo(switch (f.severity()) {
        case CRITICAL -> 5;
        case HIGH -> 4;
        case MEDIUM -> 3;
        case LOW -> 2;
        case INFO -> 1;
      });
      if (!isNew) {
        assertThat(e.at("/finding_info/first_seen_time").asLong())
            .isEqualTo(Instant.parse(ReportFixtures.FIRST_SEEN).toEpochMilli());
      }
    }
    for (PastFinding p : resolved) {
      JsonNode e = byUid.get(p.fingerprint());
      assertThat(e.get("status_id").asInt()).isEqualTo(4);
      assertThat(e.get("activity_id").asInt()).isEqualTo(3);
      assertThat(e.at("/resources/0/uid").asString()).isEqualTo(p.resourceId());
    }
    assertThat(events).allSatisfy(e -> {
      assertThat(e.get("time").asLong()).isEqualTo(Instant.parse(result.run().finishedAt()).toEpochMilli());
      assertThat(e.at("/metadata/product/version").asString()).isEqualTo(result.run().toolVersion());
    });
  }

  @Test
  void resourceTypesAreArmTypes() {
    assertThat(OcsfReportWriter.resourceType(ReportFixtures.SAAS_ACR + "/tokens/t1", "token"))
        .isEqualTo("Microsoft.ContainerRegistry/registries/tokens");
    assertThat(OcsfReportWriter.resourceType(
            ReportFixtures.SAAS_ACR + "/providers/Microsoft.Authorization/roleAssignments/1", "roleAssignment"))
        .isEqualTo("Microsoft.Authorization/roleAssignments");
    assertThat(OcsfReportWriter.resourceType("/subscriptions/" + ReportFixtures.SUB_PROD, "coverageGap"))
        .isEqualTo("Microsoft.Resources/subscriptions");
    assertThat(OcsfReportWriter.resourceType("/servicePrincipals/4d5e", "principal")).isEqualTo("principal");
  }
}
