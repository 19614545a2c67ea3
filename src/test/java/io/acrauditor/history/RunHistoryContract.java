package io.acrauditor.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.AcrAuditorApplication;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run history, what changed between runs, and restart, through the real command line, job
 * repository and database. Subclasses choose the database; every test uses its own tenant, so
 * runs of different tests never compare with each other.
 */
abstract class RunHistoryContract {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired AcrAuditorApplication application;
  @Autowired JdbcClient jdbc;

  @TempDir Path tmp;

  private String tenant;

  @BeforeEach
  void newTenant() {
    tenant = UUID.randomUUID().toString();
  }

  record Run(int exit, String out, String err, Path folder) {
    JsonNode findings() {
      return JSON.readTree(folder.resolve("findings.json").toFile());
    }
  }

  Run audit(String name, String... args) {
    Path folder = tmp.resolve(name);
    String[] all = new String[args.length + 3];
    all[0] = "audit";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--out";
    all[args.length + 2] = folder.toString();
    CommandLine cli = application.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(all);
    return new Run(exit, out.toString(), err.toString(), folder);
  }

  /** A snapshot of this test's tenant with the given registries (JSON objects) and coverage gaps. */
  Path snapshot(String name, String registries, String gaps) throws IOException {
    return Files.writeString(tmp.resolve(name + ".json"), """
        {"schemaVersion": 1, "generatedAt": "2026-11-23T02:00:00Z", "tenantId": "%s",
         "coverage": {"subscriptions": [
             {"subscriptionId": "00000000-0000-0000-0000-0000000000a1"},
             {"subscriptionId": "00000000-0000-0000-0000-0000000000b2"}],
           "gaps": [%s]},
         "registries": [%s]}
        """.formatted(tenant, gaps, registries));
  }

  /** A registry compliant but for its admin user and anonymous pull (each absent setting would be its service default). */
  static String registry(String sub, String name, boolean admin, boolean anonymous) {
    return """
        {"id": "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/%s",
         "name": "%s", "sku": {"name": "Standard"}, "adminUserEnabled": %s, "anonymousPullEnabled": %s,
         "publicNetworkAccess": "Disabled", "policies": {"azureADAuthenticationAsArmPolicy": {"status": "disabled"}},
         "diagnosticSettings": [{"name": "d", "workspaceId": "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w",
           "logs": [{"categoryGroup": "allLogs", "enabled": true}]}]}
        """.formatted(sub, name, name, admin, anonymous, sub);
  }

  static final String SUB_A = "00000000-0000-0000-0000-0000000000a1";
  static final String SUB_B = "00000000-0000-0000-0000-0000000000b2";

  private static Set<String> statuses(JsonNode findings) {
    Set<String> set = new TreeSet<>();
    findings.get("findings").forEach(f -> set.add(
        f.get("ruleId").asString() + " " + f.get("subject").get("name").asString() + " " + f.get("status").asString()));
    return set;
  }

  private static Set<String> past(JsonNode list) {
    Set<String> set = new TreeSet<>();
    list.forEach(f -> set.add(f.get("ruleId").asString() + " " + f.get("subjectName").asString()));
    return set;
  }

  @Test
  void twoRunsOverDifferentSnapshotsGiveTheExactNewOpenAndResolvedSets() throws IOException {
    // Before: r1 shares its admin user, r2 allows anonymous pull, r4 (subscription B) too.
    Path before = snapshot("before",
        registry(SUB_A, "r1", true, false) + "," + registry(SUB_A, "r2", false, true) + ","
            + registry(SUB_B, "r4", false, true), "");
    // After: r1's admin user is off (resolved), r2 unchanged (open), r3 is new and anonymous (new),
    // and subscription B could not be read, so r4's finding is neither open nor resolved.
    Path after = snapshot("after",
        registry(SUB_A, "r1", false, false) + "," + registry(SUB_A, "r2", false, true) + ","
            + registry(SUB_A, "r3", false, true),
        "{\"scope\": \"/subscriptions/" + SUB_B + "\", \"kind\": \"subscription\", \"operation\": \"list registries\","
            + " \"status\": 403, \"code\": \"AuthorizationFailed\", \"reason\": \"denied\"}");

    Run first = audit("first", "--snapshot", before.toString());
    assertThat(first.exit()).as(first.err()).isEqualTo(1);
    assertThat(statuses(first.findings())).containsExactly(
        "ACR-REG-001 r1 new", "ACR-REG-004 r2 new", "ACR-REG-004 r4 new");

    Run second = audit("second", "--snapshot", after.toString());
    assertThat(second.exit()).as(second.err()).isEqualTo(1);
    JsonNode findings = second.findings();
    assertThat(statuses(findings)).containsExactly(
        "ACR-COV-001 /subscriptions/" + SUB_B + " new", "ACR-REG-004 r2 open", "ACR-REG-004 r3 new");
    JsonNode comparison = findings.get("comparison");
    assertThat(comparison.get("previousRunId").asString()).isEqualTo(first.findings().at("/run/runId").asString());
    assertThat(past(comparison.get("resolved"))).containsExactly("ACR-REG-001 r1");
    assertThat(past(comparison.get("notReassessed"))).containsExactly("ACR-REG-004 r4");
    // r2 has been open since the first run started.
    JsonNode r2 = findingOf(findings, "r2");
    assertThat(r2.get("firstSeen").asString()).isEqualTo(first.findings().at("/run/startedAt").asString());
    assertThat(second.out()).contains("2 new, 1 still open, 1 resolved, 1 not reassessed");
    assertThat(comparison.get("trend")).hasSize(2);
    assertThat(Files.readString(second.folder().resolve("report.html"))).contains("Resolved");
  }

  @Test
  void aResourceIdLongerThanItsColumnIsStoredCutWithAMarkerNeverAnSqlError() throws IOException {
    // Snapshot names stop at 512 characters, ids at 4,096: an id can outgrow its 2,048-character column.
    String group = "rg" + "x".repeat(2100);
    String registry = registry(SUB_A, "rlong", true, false)
        .replace("/resourceGroups/rg/providers/Microsoft.ContainerRegistry", "/resourceGroups/" + group
            + "/providers/Microsoft.ContainerRegistry");
    Path estate = snapshot("long", registry, "");
    Run run = audit("long", "--snapshot", estate.toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.folder().resolve("findings.json")).isRegularFile();
    String runId = run.findings().at("/run/runId").asString();
    List<String> stored = jdbc.sql("SELECT resource_id FROM audit_finding WHERE run_id = ?").param(runId)
        .query(String.class).list();
    assertThat(stored).isNotEmpty().allSatisfy(s -> assertThat(s)
        .hasSize(2048).startsWith("/subscriptions/" + SUB_A + "/resourceGroups/" + group.substring(0, 500))
        .endsWith("...[truncated]"));
  }

  @Test
  void aPasswordInTheDatabaseUrlIsNeverStoredWithTheRun() throws IOException {
    Path estate = snapshot("pw", registry(SUB_A, "r1", false, false), "");
    Run run = audit("pw", "--snapshot", estate.toString(), "--db-url", "jdbc:h2:mem:elsewhere;USER=a;PASSWORD=hunter2");
    String runId = run.findings().at("/run/runId").asString();
    List<String> commandLines = jdbc.sql("""
            SELECT c.parameter_value FROM batch_job_execution_params c
            JOIN batch_job_execution_params r ON r.job_execution_id = c.job_execution_id
            WHERE r.parameter_name = 'runId' AND r.parameter_value = ? AND c.parameter_name = 'commandLine'""")
        .param(runId).query(String.class).list();
    assertThat(commandLines).singleElement().asString()
        .doesNotContain("hunter2").contains("PASSWORD=***");
  }

  @Test
  void failOnNewGatesOnlyOnNewFindings() throws IOException {
    Path estate = snapshot("estate", registry(SUB_A, "r1", true, false), "");
    assertThat(audit("one", "--snapshot", estate.toString(), "--fail-on-new").exit()).isEqualTo(1);
    Run again = audit("two", "--snapshot", estate.toString(), "--fail-on-new");
    assertThat(again.exit()).as("the high finding is still open, not new").isZero();
    assertThat(again.out()).contains("0 new finding(s) at or above high");
    assertThat(audit("three", "--snapshot", estate.toString()).exit()).as("without --fail-on-new").isEqualTo(1);
  }

  @Test
  void aFailedReportStepResumesWithoutCollectingAgain() throws IOException {
    Path estate = snapshot("estate", registry(SUB_A, "r1", true, true), "");
    Path templates = Files.createDirectories(tmp.resolve("templates"));
    Files.writeString(templates.resolve("summary.ftlh"), "${noSuchValue.anywhere}");

    Run failed = audit("run", "--snapshot", estate.toString(), "--templates", templates.toString());
    assertThat(failed.exit()).isEqualTo(2);
    assertThat(failed.folder().resolve("findings.json")).doesNotExist();
    assertThat(failed.folder().resolve("report.html")).doesNotExist();
    Matcher m = Pattern.compile("--restart ([0-9a-f-]{36})").matcher(failed.err());
    assertThat(m.find()).as(failed.err()).isTrue();
    String runId = m.group(1);

    // The input is gone and the template mended: only the report step can run, from the run folder.
    Files.delete(estate);
    Files.delete(templates.resolve("summary.ftlh"));
    CommandLine cli = application.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("audit", "--restart", runId);

    assertThat(exit).as(err.toString()).isEqualTo(1);
    assertThat(failed.folder().resolve("findings.json")).isRegularFile();
    assertThat(failed.folder().resolve(".state")).doesNotExist();
    assertThat(failed.findings().at("/run/runId").asString()).isEqualTo(runId);
    assertThat(jdbc.sql("""
            SELECT s.step_name, COUNT(*) FROM batch_step_execution s
            JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
            JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
            WHERE p.parameter_name = 'runId' AND p.parameter_value = ?
            GROUP BY s.step_name ORDER BY s.step_name""")
        .param(runId)
        .query((rs, n) -> rs.getString(1) + "=" + rs.getInt(2)).list())
        .containsExactly("collect=1", "evaluate=1", "report=2");

    Run done = new Run(0, "", "", failed.folder());
    assertThat(statuses(done.findings())).containsExactly("ACR-REG-001 r1 new", "ACR-REG-004 r1 new");
    CommandLine again = application.newCommandLine();
    StringWriter err2 = new StringWriter();
    again.setErr(new PrintWriter(err2, true));
    assertThat(again.execute("audit", "--restart", runId)).isEqualTo(2);
    assertThat(err2.toString()).contains("nothing to resume");
  }

  @Test
  void theDemoTwiceIsAllStillOpenAndAFixedEstateShowsTheFixesResolved() throws IOException {
    Run first = audit("demo1", "--demo");
    Run second = audit("demo2", "--demo");
    assertThat(second.exit()).isEqualTo(1);
    JsonNode findings = second.findings();
    assertThat(findings.get("findings")).isNotEmpty()
        .allSatisfy(f -> assertThat(f.get("status").asString()).isEqualTo("open"));
    assertThat(findings.at("/comparison/previousRunId").asString()).isNotBlank();
    assertThat(findings.at("/comparison/resolved")).isEmpty();

    // The demo vendor turns off the shared admin user and anonymous pull: those findings resolve.
    String demo = Files.readString(second.folder().resolve("snapshot.json"));
    String fixed = demo.replace("\"adminUserEnabled\": true", "\"adminUserEnabled\": false")
        .replace("\"anonymousPullEnabled\": true", "\"anonymousPullEnabled\": false");
    assertThat(fixed).isNotEqualTo(demo);
    Path fixedFile = Files.writeString(tmp.resolve("fixed.json"), fixed);
    Run third = audit("fixed", "--snapshot", fixedFile.toString());
    Set<String> resolved = past(third.findings().at("/comparison/resolved"));
    assertThat(resolved).contains("ACR-REG-001 acrcontososhared", "ACR-REG-004 acrcontosoonboarding");
    assertThat(third.findings().at("/comparison/trend").size()).isGreaterThanOrEqualTo(3);
    assertThat(first.exit()).isEqualTo(1);
  }

  @Test
  void aWaiverAddedBetweenTwoDemoRunsShowsNewlyWaivedAndRemovingItShowsTheWaiverExpired() throws IOException {
    Path waivers = Files.writeString(tmp.resolve("waivers.yaml"), """
        waivers:
          - rule: ACR-REG-001
            subject: "*/registries/acrcontososhared"
            reason: the vendor needs the admin user until its pipeline moves to tokens
            approvedBy: tester
            expires: %s
        """.formatted(java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30)));
    audit("plain", "--demo");
    Run waived = audit("waived", "--demo", "--waivers", waivers.toString());
    JsonNode findings = waived.findings();
    List<String> waivedFingerprints = new java.util.ArrayList<>();
    findings.get("findings").forEach(f -> {
      if ("applies".equals(f.at("/waiver/state").asString(""))) {
        waivedFingerprints.add(f.get("fingerprint").asString());
      }
    });
    assertThat(waivedFingerprints).as("the waiver names the demo's shared admin user").hasSize(1);
    assertThat(findings.at("/comparison/counts/newlyWaived").asInt()).isEqualTo(1);
    assertThat(findings.at("/comparison/counts/waiverExpired").asInt()).isZero();
    // Waived is not resolved: the finding is still raised, and still open.
    assertThat(findings.at("/comparison/resolved")).isEmpty();
    assertThat(findings.at("/comparison/counts/open").asInt()).isEqualTo(findings.get("findings").size());
    assertThat(waived.out()).contains("0 resolved, 0 not reassessed, 1 newly waived");
    assertThat(Files.readString(waived.folder().resolve("report.html"))).contains("data-change=\"newly-waived\"");
    String runId = findings.at("/run/runId").asString();
    assertThat(jdbc.sql("SELECT fingerprint FROM audit_finding WHERE run_id = ? AND waived").param(runId)
        .query(String.class).list()).containsExactlyElementsOf(waivedFingerprints);

    Run again = audit("unwaived", "--demo");
    JsonNode after = again.findings();
    assertThat(after.at("/comparison/counts/waiverExpired").asInt()).isEqualTo(1);
    assertThat(after.at("/comparison/counts/newlyWaived").asInt()).isZero();
    assertThat(after.at("/comparison/resolved")).isEmpty();
    assertThat(again.out()).contains("1 waiver expired");
    assertThat(again.exit()).isEqualTo(1);
  }

  private static JsonNode findingOf(JsonNode findings, String subject) {
    for (JsonNode f : findings.get("findings")) {
      if (f.get("subject").get("name").asString().equals(subject)) {
        return f;
      }
    }
    throw new AssertionError("no finding on " + subject);
  }
}
