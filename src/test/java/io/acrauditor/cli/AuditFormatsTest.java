package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.AcrAuditorApplication;
import io.acrauditor.report.OcsfClass;
import io.acrauditor.report.SarifSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code audit --format}: the demo estate in every machine-readable format, read back independently. */
@SpringBootTest(args = "version")
class AuditFormatsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired AcrAuditorApplication application;

  @TempDir Path tmp;

  private CliRun run(String... args) {
    return CliRun.of(application.newCommandLine(), args);
  }

  @Test
  void theDemoInEveryFormatAgreesWithFindingsJson() throws IOException {
    Path out = tmp.resolve("all");
    CliRun result = run("audit", "--demo", "--out", out.toString(), "--format", "html,json,sarif,ocsf,csv,jsonl");
    assertThat(result.problems()).isEmpty();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "snapshot.json", "report.html", "findings.json", "findings.sarif", "findings.ocsf.jsonl", "findings.csv",
          "findings.jsonl");
    }
    JsonNode document = JSON.readTree(out.resolve("findings.json").toFile());
    String runId = document.at("/run/runId").asString();
    // fingerprint -> status, in findings.json order
    Map<String, String> expected = new LinkedHashMap<>();
    document.get("findings").forEach(f -> expected.put(f.get("fingerprint").asString(), f.get("status").asString()));
    Map<String, String> resolved = new LinkedHashMap<>();
    document.at("/comparison/resolved").forEach(f -> resolved.put(f.get("fingerprint").asString(), "resolved"));
    assertThat(expected).isNotEmpty();

    JsonNode sarif = JSON.readTree(out.resolve("findings.sarif").toFile());
    assertThat(new SarifSchema().validate(sarif)).isEmpty();
    List<String> sarifFingerprints = new ArrayList<>();
    sarif.at("/runs/0/results").forEach(r -> sarifFingerprints.add(r.at("/partialFingerprints/acrAuditorFingerprint~1v1").asString()));
    assertThat(sarifFingerprints).containsExactlyElementsOf(expected.keySet());
    assertThat(sarif.at("/runs/0/tool/driver/rules").size()).isEqualTo(document.get("rules").size());

    OcsfClass detectionFinding = OcsfClass.detectionFinding();
    Map<String, Integer> ocsfStatus = new LinkedHashMap<>();
    for (String line : Files.readAllLines(out.resolve("findings.ocsf.jsonl"))) {
      JsonNode event = JSON.readTree(line);
      assertThat(detectionFinding.problems(event)).as(line).isEmpty();
      ocsfStatus.put(event.at("/finding_info/uid").asString(), event.get("status_id").asInt());
    }
    Map<String, Integer> expectedOcsf = new LinkedHashMap<>();
    expected.forEach((fp, status) -> expectedOcsf.put(fp, status.equals("new") ? 1 : 2));
    resolved.forEach((fp, status) -> expectedOcsf.put(fp, 4));
    assertThat(ocsfStatus).containsExactlyEntriesOf(expectedOcsf);

    Map<String, String> csv = new LinkedHashMap<>();
    try (Reader in = Files.newBufferedReader(out.resolve("findings.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
        csv.put(row.get("fingerprint"), row.get("status"));
        assertThat(row.get("run_id")).isEqualTo(runId);
      }
    }
    Map<String, String> expectedCsv = new LinkedHashMap<>(expected);
    expectedCsv.putAll(resolved);
    assertThat(csv).containsExactlyEntriesOf(expectedCsv);

    List<String> lines = Files.readAllLines(out.resolve("findings.jsonl"));
    assertThat(lines).hasSize(expected.size());
    List<String> jsonlFingerprints = new ArrayList<>();
    for (String line : lines) {
      JsonNode finding = JSON.readTree(line);
      assertThat(finding.get("runId").asString()).isEqualTo(runId);
      jsonlFingerprints.add(finding.get("fingerprint").asString());
    }
    assertThat(jsonlFingerprints).containsExactlyElementsOf(expected.keySet());
  }

  @Test
  void findingsJsonIsWrittenWhateverFormatIsChosen() throws IOException {
    Path out = tmp.resolve("csv-only");
    CliRun result = run("audit", "--demo", "--out", out.toString(), "--format", "CSV", "--fail-on", "critical");
    assertThat(result.problems()).isEmpty();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("snapshot.json", "findings.json", "findings.csv");
    }
  }

  @Test
  void anUnknownFormatIsOneLineAndExitTwoBeforeAnythingIsWritten() {
    Path out = tmp.resolve("bad");
    CliRun result = run("audit", "--demo", "--out", out.toString(), "--format", "html,xml");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    // The error on one line, then picocli's usual pointer to --help, as for every usage error.
    assertThat(result.err().lines().findFirst().orElseThrow())
        .isEqualTo("acr-auditor: --format: unknown format 'xml'; valid formats: html, pdf, sarif, ocsf, csv, jsonl, json");
    assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }
}
