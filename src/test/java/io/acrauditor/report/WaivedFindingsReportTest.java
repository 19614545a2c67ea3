package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Waiver;
import io.acrauditor.findings.Waivers;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One finding accepted, one whose waiver expired, in every machine-readable format. */
class WaivedFindingsReportTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final LocalDate TODAY = LocalDate.parse("2026-11-23");

  private final AuditResult rich = ReportFixtures.rich();
  private final Finding accepted = rich.findings().get(0);
  private final Finding lapsed = rich.findings().get(1);
  private final AuditResult result = new AuditResult(rich.run(), rich.summary(), rich.findings(), rich.evaluationErrors(),
      rich.coverage(), rich.accessMatrix(), rich.rules(), rich.comparison(), null, null, Waivers.of(List.of(
          new Waiver(accepted.ruleId(), null, accepted.fingerprint(), "Partner must pull <b>publicly</b>", "jane.doe",
              "SEC-1234", TODAY.plusDays(30), Waiver.Kind.MITIGATED, "waivers.yaml", 2),
          new Waiver("*", lapsed.subject().resourceId(), null, "Until the migration", "sec-team", null,
              TODAY.minusDays(1), Waiver.Kind.ACCEPTED, "waivers.yaml", 9)), TODAY));

  private JsonNode finding(JsonNode document, Finding f) {
    for (JsonNode n : document.get("findings")) {
      if (n.get("fingerprint").asString().equals(f.fingerprint())) {
        return n;
      }
    }
    throw new AssertionError("no finding " + f.fingerprint());
  }

  @Test
  void findingsJsonCarriesTheWaiverAndStillValidates() {
    JsonNode document = JSON.readTree(new JsonReportWriter().render(result));
    assertThat(new FindingsSchema().validate(document)).isEmpty();
    JsonNode waiver = finding(document, accepted).get("waiver");
    assertThat(waiver.get("state").asString()).isEqualTo("applies");
    assertThat(waiver.get("kind").asString()).isEqualTo("mitigated");
    assertThat(waiver.get("approvedBy").asString()).isEqualTo("jane.doe");
    assertThat(waiver.get("expires").asString()).isEqualTo("2026-12-23");
    assertThat(waiver.get("source").asString()).isEqualTo("waivers.yaml:2");
    assertThat(finding(document, lapsed).at("/waiver/state").asString()).isEqualTo("expired");
    assertThat(finding(document, rich.findings().get(2)).has("waiver")).isFalse();
  }

  @Test
  void sarifSuppressesTheWaivedResultOnly() {
    JsonNode sarif = JSON.readTree(new SarifReportWriter().render(result));
    assertThat(new SarifSchema().validate(sarif)).isEmpty();
    int suppressed = 0;
    for (JsonNode r : sarif.at("/runs/0/results")) {
      String fingerprint = r.at("/partialFingerprints/acrAuditorFingerprint~1v1").asString();
      if (fingerprint.equals(accepted.fingerprint())) {
        assertThat(r.at("/suppressions/0/kind").asString()).isEqualTo("external");
        assertThat(r.at("/suppressions/0/status").asString()).isEqualTo("accepted");
        assertThat(r.at("/suppressions/0/justification").asString())
            .contains("Partner must pull").contains("jane.doe").contains("2026-12-23").contains("SEC-1234");
        suppressed++;
      } else {
        assertThat(r.has("suppressions")).as("only the waived result").isFalse();
      }
    }
    assertThat(suppressed).isEqualTo(1);
  }

  @Test
  void csvSaysWaivedAndOcsfSaysSuppressed() throws IOException {
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(new String(new CsvReportWriter().render(result), StandardCharsets.UTF_8))).getRecords();
    assertThat(rows).filteredOn(r -> r.get("status").equals("waived")).extracting(r -> r.get("fingerprint"))
        .containsExactly(accepted.fingerprint());

    OcsfClass detectionFinding = OcsfClass.detectionFinding();
    for (String line : new String(new OcsfReportWriter().render(result), StandardCharsets.UTF_8).lines().toList()) {
      JsonNode event = JSON.readTree(line);
      assertThat(detectionFinding.problems(event)).as(line).isEmpty();
      String uid = event.at("/finding_info/uid").asString();
      if (uid.equals(accepted.fingerprint())) {
        assertThat(event.get("status_id").asInt()).isEqualTo(3);
        assertThat(event.get("status").asString()).isEqualTo("Suppressed");
        assertThat(event.get("comment").asString()).contains("jane.doe").contains("2026-12-23");
      } else if (uid.equals(lapsed.fingerprint())) {
        assertThat(event.get("status_id").asInt()).isNotEqualTo(3);
        assertThat(event.get("comment").asString()).startsWith("Waiver expired");
      }
    }
  }
}
