package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.acrauditor.AcrAuditorApplication;
import io.acrauditor.report.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo estate's report as a reviewer gets it. The expected counts per rule and per control
 * are the hand count in docs/demo-estate.md ("Checks by rule and by control"), made from the
 * estate and the rule files before the code that counts them was written.
 */
@SpringBootTest(args = "version")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoReportTest {
  private static final Pattern GUID = Pattern.compile("(?i).*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}.*");
  private static final Pattern BARE_GUID = Pattern.compile("(?i)\\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\s*");
  private static final Pattern CAMEL_KEY = Pattern.compile("[a-z]+[A-Z][A-Za-z]*");

  @Autowired AcrAuditorApplication application;

  @TempDir Path tmp;

  private CliRun run;
  private JsonNode findings;
  private Document report;
  private Path out;
  private String history;

  @BeforeAll
  void audit(@TempDir Path dir) throws IOException {
    out = dir.resolve("demo");
    // In process, --db-url cannot replace the datasource of the running Spring context (the real
    // command line reads it before Spring starts), so this run shares the history of the tests in
    // this JVM and may be compared with earlier demo runs: the assertions below hold either way.
    history = "jdbc:h2:file:" + dir.resolve("history").resolve("db").toAbsolutePath();
    run = CliRun.of(application.newCommandLine(), "audit", "--demo", "--out", out.toString(), "--db-url", history);
    findings = JsonMapper.builder().build().readTree(out.resolve("findings.json").toFile());
    report = Jsoup.parse(out.resolve("report.html").toFile());
  }

  @Test
  void countsPerRuleMatchTheHandCount() {
    List<Object[]> expected = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      expected.add(new Object[] {"ACR-AKS-00" + i, 2, 1, 1, 0});
    }
    expected.add(new Object[] {"ACR-COV-001", 1, 1, 0, 0});
    for (int i = 1; i <= 5; i++) {
      expected.add(new Object[] {"ACR-RBAC-00" + i, 11, 1, 10, 0});
    }
    for (int i = 1; i <= 9; i++) {
      if (i != 6) { // ACR-REG-006 (content trust off) is retired
        expected.add(i == 8 ? new Object[] {"ACR-REG-008", 3, 2, 1, 0} : new Object[] {"ACR-REG-00" + i, 3, 1, 2, 0});
      }
    }
    // Its replacement, informational: acrcontosoplatform still has Docker Content Trust enabled.
    expected.add(new Object[] {"ACR-REG-010", 3, 1, 2, 0});
    expected.add(new Object[] {"ACR-SP-001", 10, 1, 9, 0});
    for (int i = 1; i <= 7; i++) {
      expected.add(new Object[] {"ACR-TOK-00" + i, 5, 1, 4, 0});
    }
    expected.add(new Object[] {"ACR-AKS-007", 2, 0, 2, 0});
    expected.add(new Object[] {"ACR-AKS-008", 2, 0, 2, 0});
    expected.add(new Object[] {"ACR-TOK-008", 5, 0, 5, 0});
    // Client D's cluster states no apiServerAccessProfile: the defaults, public to every address with
    // run command on; client A's limits its API server to one range and disables run command. No
    // assignment puts a legacy Acr* role on the ABAC registry.
    expected.add(new Object[] {"ACR-AKS-009", 2, 1, 1, 0});
    expected.add(new Object[] {"ACR-AKS-010", 2, 1, 1, 0});
    expected.add(new Object[] {"ACR-RBAC-006", 11, 0, 11, 0});
    // No demo token is logged pushing or deleting beyond its scope map.
    expected.add(new Object[] {"ACR-TOK-009", 5, 0, 5, 0});
    // sp-ci-jenkins-legacy pushed 41 times and holds Owner on acrcontososhared.
    expected.add(new Object[] {"ACR-RBAC-007", 11, 1, 10, 0});
    List<org.assertj.core.groups.Tuple> rows = new ArrayList<>();
    for (JsonNode r : findings.get("controls").get("rules")) {
      rows.add(tuple(r.get("ruleId").asString(), r.get("evaluated").asInt(), r.get("failed").asInt(), r.get("passed").asInt(),
          r.get("notAssessed").asInt()));
      assertThat(r.get("waived").asInt()).isZero();
    }
    assertThat(rows).containsExactlyInAnyOrderElementsOf(expected.stream().map(org.assertj.core.groups.Tuple::new).toList());
  }

  @Test
  void countsPerMcsbControlMatchTheHandCount() {
    List<org.assertj.core.groups.Tuple> rows = new ArrayList<>();
    for (JsonNode c : findings.get("controls").get("mcsb")) {
      List<String> rules = new ArrayList<>();
      c.get("rules").forEach(r -> rules.add(r.asString().replace("ACR-", "")));
      rows.add(tuple(c.get("control").asString(), String.join(",", rules), c.get("evaluated").asInt(), c.get("failed").asInt(),
          c.get("passed").asInt()));
    }
    assertThat(rows).containsExactly(
        tuple("AM-1", "COV-001", 1, 1, 0),
        tuple("DS-6", "REG-010", 3, 1, 2),
        tuple("IM-1", "AKS-003,AKS-004,AKS-008,REG-001,REG-004,REG-007", 15, 5, 10),
        tuple("IM-3", "AKS-001,AKS-002,AKS-005,AKS-006,SP-001", 18, 5, 13),
        tuple("IM-8", "SP-001,TOK-002,TOK-003,TOK-004,TOK-006", 30, 5, 25),
        tuple("LT-3", "REG-009", 3, 1, 2),
        tuple("NS-2", "AKS-009,REG-002,REG-003,REG-005,REG-008", 14, 6, 8),
        tuple("PA-1", "RBAC-005,REG-001", 14, 2, 12),
        tuple("PA-4", "RBAC-003,RBAC-006,TOK-001,TOK-007,TOK-009", 37, 3, 34),
        tuple("PA-7", "AKS-003,AKS-007,AKS-008,AKS-010,RBAC-001,RBAC-002,RBAC-004,RBAC-005,RBAC-007,TOK-005,TOK-008", 73, 8,
            65));
    assertThat(report.select("#controls tr.control-row[data-control=PA-7] td.num").eachText())
        .containsExactly("73", "65", "8", "0", "0");
  }

  @Test
  void theReportStatesTheGateTheExitCodeFollows() {
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode gate = findings.get("gate");
    assertThat(gate.get("failed").asBoolean()).isTrue();
    assertThat(gate.get("failing").asInt()).isEqualTo(7);
    assertThat(report.selectFirst("#gate-verdict").text()).isEqualTo("FAIL 7 findings at or above high (gate: --fail-on high).");
  }

  @Test
  void aGateOnNewFindingsPassesTheSecondRunAndSaysSo() throws IOException {
    Path second = tmp.resolve("again");
    CliRun again = CliRun.of(application.newCommandLine(), "audit", "--demo", "--out", second.toString(), "--fail-on-new",
        "--db-url", history);
    JsonNode gate = JsonMapper.builder().build().readTree(second.resolve("findings.json").toFile()).get("gate");
    Document html = Jsoup.parse(second.resolve("report.html").toFile());
    // Whatever the history holds, the exit code and the verdict are the one decision.
    assertThat(again.exitCode()).isEqualTo(gate.get("failed").asBoolean() ? 1 : 0);
    assertThat(html.selectFirst("#gate-verdict").text()).startsWith(gate.get("failed").asBoolean() ? "FAIL" : "PASS")
        .endsWith("(gate: --fail-on high --fail-on-new).");
  }

  @Test
  void coverageTellsOneStory() {
    assertThat(report.selectFirst("#coverage-sentence").text())
        .startsWith("Coverage: 3 of 4 subscriptions and 1 of 1 log workspace read;");
    assertThat(report.select("#coverage tr.audited-subscription").eachAttr("data-subscription-id"))
        .hasSize(3)
        .doesNotContain("6a1c7d2e-8f4b-4a9e-b3d6-5c2e9f1a7b48");
    assertThat(report.select("#coverage li.unread-subscription").text())
        .contains("Contoso Software - Sandbox", "6a1c7d2e-8f4b-4a9e-b3d6-5c2e9f1a7b48", "403");
  }

  @Test
  void noFindingIsTitledByABareGuidAndRoleAssignmentsAreNamedAsPeopleKnowThem() {
    assertThat(report.select("tr.finding .subject-name").eachText()).hasSize(33).noneMatch(t -> BARE_GUID.matcher(t).matches());
    assertThat(report.select("#worst-problems li").eachText()).noneMatch(t -> BARE_GUID.matcher(t).matches());
    assertThat(report.select("tr.finding[data-rule=ACR-RBAC-005] .subject-name").text())
        .isEqualTo("sp-ci-jenkins-legacy - Owner - registry acrcontososhared");
    assertThat(report.select("tr.finding[data-rule=ACR-RBAC-003] .subject-name").text())
        .startsWith("deleted principal ").endsWith(" - AcrPull - registry acrcontososhared");
    assertThat(report.select("#access-by-identity ~ table .identity").eachText())
        .contains("kubelet identity of cluster aks-clienta-prod");
  }

  @Test
  void evidenceIsWordsNeverJsonOrInternalKeys() {
    List<Element> cells = new ArrayList<>(report.select("td.evidence-cell"));
    cells.addAll(report.select("table.evidence td"));
    assertThat(cells).isNotEmpty();
    for (Element cell : cells) {
      String text = cell.text().strip();
      assertThat(text).as("an evidence cell").doesNotStartWith("{").doesNotStartWith("[").doesNotContain("{\"").isNotEqualTo("(none)");
    }
    assertThat(report.select("table.evidence th").eachText()).noneMatch(t -> CAMEL_KEY.matcher(t).matches());
    assertThat(report.select("#findings th.col-key").eachText()).noneMatch(t -> CAMEL_KEY.matcher(t).matches());
    // A disruptive command says so beside it.
    assertThat(report.select("tr.finding-detail[data-fingerprint] .disrupts").eachText())
        .anySatisfy(t -> assertThat(t).contains("rotates every cluster certificate"));
  }

  @Test
  void theFirstScreenAt1440By900HoldsTheVerdictAndNothingIsWiderThanAPhone() throws IOException {
    String missing = HeadlessChromium.missing();
    Assumptions.assumeTrue(missing == null, missing);
    ChromeDriver browser = HeadlessChromium.start(tmp.resolve("profile"), 1440, 900);
    try {
      browser.get(out.resolve("report.html").toUri().toString());
      HeadlessChromium.viewport(browser, 1440, 900);
      HeadlessChromium.assertFirstScreen(browser, 900);
      Path buildDir = Path.of(System.getProperty("acr.build.dir", "target"));
      Files.createDirectories(buildDir);
      Path png = buildDir.resolve("report-first-screen.png");
      Files.write(png, HeadlessChromium.screenshot(browser));
      assertThat(Files.size(png)).isGreaterThan(10_000);
      HeadlessChromium.viewport(browser, 390, 844);
      HeadlessChromium.assertNothingWiderThan(browser, 390);
      Files.write(buildDir.resolve("report-first-screen-390.png"), HeadlessChromium.screenshot(browser));
    } finally {
      browser.quit();
    }
  }
}
