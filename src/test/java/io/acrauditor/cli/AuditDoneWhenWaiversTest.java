package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.AcrAuditorApplication;
import io.acrauditor.report.PdfDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10's "done when": {@code audit --demo --format html,json,pdf,sarif,ocsf,csv,jsonl --waivers
 * docs/examples/waivers.yaml} writes every file and the gate honours the waivers. The example's
 * expiry dates are moved to 60 days from today first (they are real dates, and the test must not
 * start failing on the day they pass); everything else of the file is used as shipped.
 */
@SpringBootTest(args = "version")
class AuditDoneWhenWaiversTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path EXAMPLE = Path.of("docs/examples/waivers.yaml");
  private static final List<String> FILES = List.of("report.html", "findings.json", "report.pdf", "findings.sarif",
      "findings.ocsf.jsonl", "findings.csv", "findings.jsonl", "snapshot.json");

  @Autowired AcrAuditorApplication application;

  @TempDir Path tmp;

  private CliRun run(String... args) {
    return CliRun.of(application.newCommandLine(), args);
  }

  @Test
  void theDoneWhenCommandWritesEveryFileAndTheGateHonoursTheExampleWaivers() throws IOException {
    String expires = LocalDate.now(ZoneOffset.UTC).plusDays(60).toString();
    String example = Files.readString(EXAMPLE);
    String dated = example.replaceAll("(?m)^(\\s*expires:\\s*)\\S+", "$1" + expires);
    assertThat(dated).as("the example has expiry dates to move").isNotEqualTo(example);
    Path waivers = Files.writeString(tmp.resolve("waivers.yaml"), dated);

    Path out = tmp.resolve("run");
    CliRun command = run("audit", "--demo", "--format", "html,json,pdf,sarif,ocsf,csv,jsonl", "--waivers", waivers.toString(),
        "--out", out.toString());
    assertThat(command.problems()).isEmpty();
    for (String file : FILES) {
      assertThat(out.resolve(file)).as(file).isRegularFile();
      assertThat(Files.size(out.resolve(file))).as(file).isPositive();
    }
    assertThat(Files.readString(out.resolve("report.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1))
        .startsWith("%PDF-");

    // The exit code follows the findings at or above the default threshold (high) that no waiver covers.
    JsonNode document = JSON.readTree(out.resolve("findings.json").toFile());
    int gating = 0;
    int waived = 0;
    for (JsonNode f : document.get("findings")) {
      String severity = f.get("severity").asString();
      boolean applies = "applies".equals(f.at("/waiver/state").asString(""));
      gating += (severity.equals("critical") || severity.equals("high")) && !applies ? 1 : 0;
      waived += applies && !severity.equals("info") ? 1 : 0;
    }
    assertThat(waived).as("the example's waivers each match a finding of the demo").isPositive();
    assertThat(command.exitCode()).isEqualTo(gating > 0 ? ExitCodes.FINDINGS : ExitCodes.OK);
    assertThat(document.at("/gate/failing").asInt()).isEqualTo(gating);

    // The example waives medium and low findings: at --fail-on low, the gate counts exactly those fewer.
    CliRun plainLow = run("audit", "--demo", "--format", "json", "--fail-on", "low", "--out", tmp.resolve("plain").toString());
    CliRun waivedLow = run("audit", "--demo", "--format", "json", "--fail-on", "low", "--waivers", waivers.toString(),
        "--out", tmp.resolve("waived-low").toString());
    assertThat(plainLow.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(waivedLow.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    int plainFailing = JSON.readTree(tmp.resolve("plain/findings.json").toFile()).at("/gate/failing").asInt();
    int waivedFailing = JSON.readTree(tmp.resolve("waived-low/findings.json").toFile()).at("/gate/failing").asInt();
    assertThat(plainFailing - waivedFailing).isEqualTo(waived);

    // The waived checks are counted apart, and the checks still add up.
    int waivedChecks = 0;
    for (JsonNode r : document.at("/controls/rules")) {
      assertThat(r.get("passed").asInt() + r.get("failed").asInt() + r.get("notAssessed").asInt() + r.get("waived").asInt())
          .as(r.get("ruleId").asString()).isEqualTo(r.get("evaluated").asInt());
      waivedChecks += r.get("waived").asInt();
    }
    assertThat(waivedChecks).isPositive();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("id=\"accepted-risks\"", "id=\"waived-sentence\"").doesNotContain("id=\"waivers-stale\"");
    // The PDF renders the same section (text extraction interleaves the lines of a table cell, so
    // only single words are looked for).
    String pdf = PdfDocuments.read(Files.readAllBytes(out.resolve("report.pdf"))).compact();
    assertThat(pdf).contains("Acceptedrisks", "SEC-1234", "SEC-1187", "Waived(");
  }
}
