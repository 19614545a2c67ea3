package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.AcrAuditorApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code audit --waivers}: the gate over the demo estate with and without accepted risks. */
@SpringBootTest(args = "version")
class AuditWaiversTest {
  @Autowired AcrAuditorApplication application;

  @TempDir Path tmp;

  private CliRun run(String... args) {
    return CliRun.of(application.newCommandLine(), args);
  }

  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  /** A waiver per critical finding of a demo run, each by fingerprint and expiring on {@code expires}. */
  private Path waiveCriticals(JsonNode findings, LocalDate expires) throws IOException {
    StringBuilder yaml = new StringBuilder("waivers:\n");
    for (JsonNode f : findings.get("findings")) {
      if (f.get("severity").asString().equals("critical")) {
        yaml.append("  - rule: ").append(f.get("ruleId").asString()).append('\n')
            .append("    fingerprint: ").append(f.get("fingerprint").asString()).append('\n')
            .append("    reason: accepted for the test\n    approvedBy: tester\n    expires: ").append(expires).append('\n');
      }
    }
    return Files.writeString(tmp.resolve("waivers-" + expires + ".yaml"), yaml);
  }

  @Test
  void waivingEveryCriticalFindingPassesTheGateAndAnExpiredWaiverFailsItAgain() throws IOException {
    CliRun plain = run("audit", "--demo", "--out", tmp.resolve("plain").toString(), "--fail-on", "critical");
    assertThat(plain.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    JsonNode findings = JsonMapper.builder().build().readTree(tmp.resolve("plain/findings.json").toFile());
    List<String> criticals = new ArrayList<>();
    findings.get("findings").forEach(f -> {
      if (f.get("severity").asString().equals("critical")) {
        criticals.add(f.get("ruleId").asString());
      }
    });
    assertThat(criticals).as("the demo has critical findings to waive").isNotEmpty();

    Path waivers = waiveCriticals(findings, TODAY.plusDays(30));
    CliRun waived = run("audit", "--demo", "--out", tmp.resolve("waived").toString(), "--fail-on", "critical",
        "--waivers", waivers.toString());
    assertThat(waived.problems()).isEmpty();
    assertThat(waived.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(waived.out()).contains("Accepted risks: " + criticals.size() + " finding");
    // Still in the reports: a waiver takes a finding out of the gate, not out of the evidence.
    JsonNode after = JsonMapper.builder().build().readTree(tmp.resolve("waived/findings.json").toFile());
    assertThat(after.get("findings").size()).isEqualTo(findings.get("findings").size());
    List<String> waivedInJson = new ArrayList<>();
    after.get("findings").forEach(f -> {
      if (f.at("/waiver/state").asString().equals("applies")) {
        waivedInJson.add(f.get("ruleId").asString());
      }
    });
    assertThat(waivedInJson).containsExactlyInAnyOrderElementsOf(criticals);

    Path expired = waiveCriticals(findings, TODAY.minusDays(1));
    CliRun again = run("audit", "--demo", "--out", tmp.resolve("expired").toString(), "--fail-on", "critical",
        "--waivers", expired.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(again.out()).contains("Accepted risks: 0 findings waived")
        .contains("waiver expired on " + TODAY.minusDays(1) + " (" + expired + ":2)")
        .contains("counts again");
  }

  @Test
  void aTemplateOfTheRunIsRefusedUntilFilledInThenWaivesEverything() throws IOException {
    Path template = tmp.resolve("template.yaml");
    CliRun first = run("audit", "--demo", "--out", tmp.resolve("t1").toString(), "--fail-on", "info",
        "--write-waivers-template", template.toString());
    assertThat(first.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(first.out()).contains("Waiver template: " + template.toAbsolutePath());
    JsonNode findings = JsonMapper.builder().build().readTree(tmp.resolve("t1/findings.json").toFile());
    String text = Files.readString(template);
    for (JsonNode f : findings.get("findings")) {
      assertThat(text).contains("fingerprint: \"" + f.get("fingerprint").asString() + "\"");
    }

    CliRun unfilled = run("audit", "--demo", "--out", tmp.resolve("t2").toString(), "--waivers", template.toString());
    assertThat(unfilled.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unfilled.err()).startsWith("acr-auditor: " + template + ":").contains("waivers[0].");

    Path filled = Files.writeString(tmp.resolve("filled.yaml"), text
        .replace("reason: \"\"", "reason: \"accepted in review\"")
        .replace("approvedBy: \"\"", "approvedBy: \"reviewer\"")
        .replace("expires: \"\"", "expires: \"" + TODAY.plusDays(90) + "\""));
    CliRun waived = run("audit", "--demo", "--out", tmp.resolve("t3").toString(), "--fail-on", "info",
        "--waivers", filled.toString());
    assertThat(waived.problems()).isEmpty();
    assertThat(waived.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(waived.out()).contains("Accepted risks: " + findings.get("findings").size() + " findings waived");
  }

  @Test
  void theExampleFileLoadsAndListsAStaleWaiver() throws IOException {
    Path example = Path.of("docs/examples/waivers.yaml");
    // The example's dates are real ones: moved 60 days ahead, the test does not expire with them.
    String dated = Files.readString(example).replaceAll("(?m)^(\\s*expires:\\s*)\\S+", "$1" + TODAY.plusDays(60));
    int line = (int) dated.lines().count() + 1;
    Path copy = Files.writeString(tmp.resolve("with-stale.yaml"), dated
        + "  - rule: ACR-REG-001\n    subject: /subscriptions/none/*\n    reason: nothing there\n"
        + "    approvedBy: tester\n    expires: " + TODAY.plusDays(10) + "\n");
    CliRun result = run("audit", "--demo", "--out", tmp.resolve("example").toString(), "--waivers", copy.toString());
    assertThat(result.problems()).isEmpty();
    assertThat(result.out()).contains("stale waiver, matches no finding (" + copy + ":" + line + ")")
        .contains("waiver expiring on " + TODAY.plusDays(10) + " (" + copy + ":" + line + ")");
  }

  @Test
  void aWaiverPastTheMaximumAgeIsExitTwoNamingFileAndLine() throws IOException {
    Path far = Files.writeString(tmp.resolve("far.yaml"), "waivers:\n  - rule: ACR-REG-001\n    subject: /x\n"
        + "    reason: r\n    approvedBy: me\n    expires: " + TODAY.plusDays(400) + "\n");
    CliRun refused = run("audit", "--demo", "--out", tmp.resolve("far").toString(), "--waivers", far.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(refused.err()).startsWith("acr-auditor: " + far + ":6: waivers[0].expires: ")
        .contains("more than 365 days");
    assertThat(refused.err().lines()).hasSize(1);
    assertThat(tmp.resolve("far")).doesNotExist();

    CliRun allowed = run("audit", "--demo", "--out", tmp.resolve("allowed").toString(), "--waivers", far.toString(),
        "--max-waiver-days", "400");
    assertThat(allowed.problems()).isEmpty();
  }

  @Test
  void aMalformedFileIsExitTwoWithFileAndLineAndNoReport() throws IOException {
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), "waivers:\n  - rule: ACR-REG-001\n    subject: /x\n"
        + "    reason: r\n    expires: 2027-01-01\n");
    CliRun result = run("audit", "--demo", "--out", tmp.resolve("bad").toString(), "--waivers", bad.toString());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).startsWith("acr-auditor: " + bad + ":2: waivers[0]: ").contains("approvedBy");
    assertThat(tmp.resolve("bad")).doesNotExist();
  }
}
