package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.AcrAuditorApplication;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit command end to end, in-process: Spring Batch job, rule catalogue, index and report
 * writers all real. The demo's expected findings were written by hand from its story
 * (docs/demo-estate.md), not produced by this code.
 */
@SpringBootTest(args = "version")
class AuditCommandTest {
  @Autowired AcrAuditorApplication application;

  @TempDir Path tmp;

  private CliRun run(String... args) {
    CommandLine cli = application.newCommandLine();
    return CliRun.of(cli, args);
  }

  @Nested
  class Demo {
    @Test
    void writesTheThreeFilesFindsWhatTheStoryPredictsAndExitsOne() throws IOException {
      Path out = tmp.resolve("demo");
      CliRun result = run("audit", "--demo", "--out", out.toString());

      assertThat(result.err().lines()).as("stderr: the run id, at once, and nothing else").singleElement().asString()
          .matches("acr-auditor: run [0-9a-f-]{36} started in .* \\(if it is interrupted: acr-auditor audit --restart [0-9a-f-]{36}\\)");
      assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
      assertThat(out.resolve("findings.json")).isRegularFile();
      assertThat(out.resolve("report.html")).isRegularFile();
      assertThat(out.resolve("snapshot.json")).isRegularFile();
      assertThat(result.out()).contains("report.html").contains("critical");
      try (Stream<Path> files = Files.list(out)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .as("no temporary files are left behind")
            .containsExactlyInAnyOrder("findings.json", "report.html", "report.pdf", "snapshot.json");
      }

      JsonNode findings = JsonMapper.builder().build().readTree(out.resolve("findings.json").toFile());
      Set<String> actual = new TreeSet<>();
      for (JsonNode f : findings.get("findings")) {
        actual.add(f.get("ruleId").asString() + "\t" + f.get("subject").get("name").asString());
      }
      assertThat(actual).isEqualTo(expectedDemoFindings());
      assertThat(findings.get("evaluationErrors")).as("no rule errors on the demo").isEmpty();
    }

    @Test
    void theSummaryListsEveryRuleAtOrAboveTheGateNotOnlyTheTopFive() throws IOException {
      Set<String> expectedRules = new TreeSet<>();
      expectedDemoFindings().forEach(line -> expectedRules.add(line.split("\t")[0]));
      // info, the lowest gate: the demo's findings include an informational one (ACR-REG-010).
      CliRun result = run("audit", "--demo", "--out", tmp.resolve("info").toString(), "--fail-on", "info");
      assertThat(result.out()).contains("Rules at or above info:");
      for (String rule : expectedRules) {
        assertThat(result.out()).as(rule).containsPattern("(?m)^  " + java.util.regex.Pattern.quote(rule) + " ");
      }
      assertThat(expectedRules).hasSizeGreaterThan(5);
    }

    @Test
    void theSnapshotCopyIsByteForByteTheAuditedInputAndItsHashIsReported() throws Exception {
      Path out = tmp.resolve("demo2");
      run("audit", "--demo", "--out", out.toString(), "--fail-on", "critical");
      byte[] copy = Files.readAllBytes(out.resolve("snapshot.json"));
      try (InputStream in = getClass().getResourceAsStream("/demo/estate.json")) {
        assertThat(copy).isEqualTo(in.readAllBytes());
      }
      String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(copy));
      JsonNode findings = JsonMapper.builder().build().readTree(out.resolve("findings.json").toFile());
      assertThat(findings.at("/run/snapshotSha256").asString()).isEqualTo(sha);
    }

    @Test
    void failOnInfoStillExitsOneAndAnUnknownSeverityIsAUsageError() {
      assertThat(run("audit", "--demo", "--out", tmp.resolve("a").toString(), "--fail-on", "info").exitCode())
          .isEqualTo(ExitCodes.FINDINGS);
      CliRun bad = run("audit", "--demo", "--out", tmp.resolve("b").toString(), "--fail-on", "severe");
      assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(bad.err()).contains("unknown severity 'severe'");
      assertThat(tmp.resolve("b")).doesNotExist();
    }
  }

  @Test
  void escapeSequencesAndBidiOverridesFromTheDataNeverReachTheTerminalRaw() throws IOException {
    Path rules = Files.createDirectories(tmp.resolve("hostile-rules/registry"));
    String builtIn = new String(AuditCommandTest.class.getResourceAsStream("/rules/registry/ACR-REG-001.yaml")
        .readAllBytes(), StandardCharsets.UTF_8);
    Files.writeString(rules.resolve("ACR-REG-001.yaml"),
        builtIn.replaceFirst("(?m)^title: .*$", java.util.regex.Matcher.quoteReplacement(
            "title: \"Admin \\e[2J\\e]0;owned\\a user \\u202Eexe.txt\"")));
    CliRun result = run("audit", "--demo", "--rules", tmp.resolve("hostile-rules").toString(),
        "--out", tmp.resolve("hostile").toString());
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(result.out()).contains("Admin \\x1b[2J\\x1b]0;owned\\x07 user \\u202eexe.txt");
    assertThat(result.out().chars()).noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x202e);
  }

  @Nested
  class BadInput {
    @Test
    void malformedJsonNamesTheFileAndLine() throws IOException {
      Path snapshot = Files.writeString(tmp.resolve("broken.json"), "{\n  \"schemaVersion\": 1,\n  \"registries\": [\n}\n");
      CliRun result = run("audit", "--snapshot", snapshot.toString(), "--out", tmp.resolve("o").toString());
      assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(result.problems()).singleElement().asString()
          .startsWith("acr-auditor: " + snapshot).contains("line 4").contains("malformed JSON");
      assertNoReport(tmp.resolve("o"));
    }

    @Test
    void aSchemaViolationNamesTheJsonPathAndLine() throws IOException {
      Path snapshot = Files.writeString(tmp.resolve("typo.json"), """
          {
            "schemaVersion": 1,
            "generatedAt": "2026-11-23T02:00:00Z",
            "registries": [
              {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerRegistry/registries/a",
               "name": "a",
               "adminUserEnabled": "yes"}
            ]
          }
          """);
      CliRun result = run("audit", "--snapshot", snapshot.toString(), "--out", tmp.resolve("o").toString());
      assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(result.err()).contains(snapshot.toString()).contains("/registries/0/adminUserEnabled")
          .contains("line 7").doesNotContain("Exception").doesNotContain("\tat ");
      assertNoReport(tmp.resolve("o"));
    }

    @Test
    void anUnknownSchemaVersionIsRefused() throws IOException {
      Path snapshot = Files.writeString(tmp.resolve("v9.json"), "{\"schemaVersion\": 9, \"generatedAt\": \"2026-11-23T02:00:00Z\"}");
      CliRun result = run("audit", "--snapshot", snapshot.toString(), "--out", tmp.resolve("o").toString());
      assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(result.err()).contains("unsupported schemaVersion 9");
      assertNoReport(tmp.resolve("o"));
    }

    @Test
    void aMissingSnapshotFileIsNamed() {
      Path missing = tmp.resolve("nope.json");
      CliRun result = run("audit", "--snapshot", missing.toString(), "--out", tmp.resolve("o").toString());
      assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(result.err()).contains(missing.toString()).contains("no such file");
    }

    @Test
    void anOutputFolderThatCannotBeCreatedStopsTheRunBeforeAnythingIsRead() throws IOException {
      Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
      CliRun result = run("audit", "--demo", "--out", file.resolve("run").toString());
      assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(result.err()).contains(file.resolve("run").toString());
      assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void aBrokenRuleStopsTheRunNamingTheFile() throws IOException {
      Path dir = Files.createDirectories(tmp.resolve("rules/registry"));
      Files.writeString(dir.resolve("X-001.yaml"), "id: X-001\ntitle: [unclosed\n");
      CliRun result = run("audit", "--demo", "--rules", tmp.resolve("rules").toString(),
          "--out", tmp.resolve("o").toString());
      assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(result.err()).contains("X-001.yaml");
      assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void inputIsRequiredAndExclusive() {
      CliRun none = run("audit", "--out", tmp.resolve("o").toString());
      assertThat(none.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(none.err()).contains("--demo").contains("--snapshot");
      CliRun both = run("audit", "--demo", "--snapshot", "x.json");
      assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(both.err()).contains("mutually exclusive");
    }
  }

  @Test
  void aRunThatFailsBeforeWritingAnythingLeavesNoRunFolder() {
    Path out = tmp.resolve("never");
    CliRun result = run("audit", "--snapshot", tmp.resolve("missing.json").toString(), "--out", out.toString());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(out).doesNotExist();
  }

  @Test
  void aMistypedCommandOrOptionGetsADidYouMeanOnOneLine() {
    CliRun command = run("audti", "--demo");
    assertThat(command.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(command.err().lines().findFirst().orElseThrow()).contains("'audti'").endsWith("did you mean audit?");
    CliRun option = run("audit", "--dmeo");
    assertThat(option.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(option.err().lines().findFirst().orElseThrow()).contains("'--dmeo'").endsWith("did you mean --demo?");
  }

  @Test
  void versionPrintsTheVersionTheCommitAndTheBuildTime() {
    CliRun result = run("version");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out().strip())
        .matches("acr-auditor \\S+ \\(commit ([0-9a-f]{7,}(\\+dirty)?|unknown), built (\\d{4}-\\d\\d-\\d\\dT\\S+|unknown)\\)");
  }

  @Test
  void everyCommandHasHelpListingTheExitCodes() {
    for (String[] args : new String[][] {{"--help"}, {"audit", "--help"}, {"rules", "--help"}, {"version", "--help"}}) {
      CliRun result = run(args);
      assertThat(result.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(result.out()).contains("Usage:");
    }
    assertThat(run("audit", "--help").out()).contains("Exit codes:").contains("--fail-on");
    for (String[] args : new String[][] {{"--help"}, {"audit", "--help"}}) {
      assertThat(run(args).out()).as(String.join(" ", args))
          .contains("Exit codes:").contains("  0").contains("  1").contains("  2").contains("  3   infrastructure");
    }
    assertThat(run("collect", "--help").out()).contains("  2   bad input").contains("  3   infrastructure");
    assertThat(run("rules", "--help").out()).contains("Exit codes:").contains("  2   bad input");
    assertThat(run("version", "--help").out()).contains("Exit codes:");
  }


  private static void assertNoReport(Path out) {
    assertThat(out.resolve("findings.json")).doesNotExist();
    assertThat(out.resolve("report.html")).doesNotExist();
  }

  private static Set<String> expectedDemoFindings() throws IOException {
    try (InputStream in = AuditCommandTest.class.getResourceAsStream("/demo-expected-findings.tsv")) {
      Set<String> expected = new TreeSet<>();
      new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .forEach(expected::add);
      return expected;
    }
  }
}
