package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.RunComparison;
import io.acrauditor.inventory.index.AccessPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {
  static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

  private final HtmlReportWriter writer = new HtmlReportWriter(Optional.empty());

  private static String html(HtmlReportWriter writer, AuditResult result) {
    return new String(writer.render(result), StandardCharsets.UTF_8);
  }

  private Document render(AuditResult result) {
    return Jsoup.parse(html(writer, result));
  }

  @Test
  void everyFindingIsPresentByFingerprintWithItsDetails() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    assertThat(doc.select("tr.finding")).hasSize(result.findings().size());
    for (Finding f : result.findings()) {
      Element row = doc.getElementById("finding-" + f.fingerprint());
      assertThat(row).as(f.ruleId()).isNotNull();
      assertThat(row.attr("data-fingerprint")).isEqualTo(f.fingerprint());
      // The commands, message and ids fold out under the row, in its own detail row.
      Element detail = row.nextElementSibling();
      assertThat(detail.hasClass("finding-detail")).isTrue();
      assertThat(detail.text()).contains(f.message()).contains(f.subject().resourceId()).contains(f.fingerprint());
      for (String command : f.remediation().commands()) {
        assertThat(detail.select("details pre.command > code").eachText()).contains(command);
      }
    }
  }

  @Test
  void findingsAreGroupedByRuleMostSevereFirst() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    Elements blocks = doc.select("#findings .rule-block");
    // One block per rule that fired, each with its rationale and remediation text once.
    assertThat(blocks).hasSize((int) result.findings().stream().map(Finding::ruleId).distinct().count());
    assertThat(blocks.eachAttr("class").stream().map(c -> c.replace("rule-block sev-", "")).toList())
        .isSortedAccordingTo(java.util.Comparator.comparing(io.acrauditor.findings.Severity::parse));
    Element first = blocks.first();
    assertThat(first.attr("data-rule")).isEqualTo("roleAssignment.pull-identity-beyond-pull");
    assertThat(first.select("tr.finding")).hasSize(2);
    assertThat(first.select(".remediation-text")).hasSize(1);
  }

  @Test
  void accessMatrixHasEveryPathGroupedByRegistryAndMarksBeyondPull() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    Elements rows = doc.select("#access tr.access-row");
    assertThat(rows).hasSize(result.accessMatrix().stream().toList().size());
    assertThat(doc.select("#access .registry h4").eachText())
        .hasSize(2)
        .anySatisfy(t -> assertThat(t).startsWith("contosoplatformacr"))
        .anySatisfy(t -> assertThat(t).startsWith("contososaasacr"));
    long beyond = result.accessMatrix().stream().filter(AccessPath::beyondPull).count();
    assertThat(doc.select("#access tr.beyond-pull")).hasSize((int) beyond);
    assertThat(doc.select("#access tr.beyond-pull .flag").eachText()).allMatch(t -> t.equals("More than pull"));
    assertThat(doc.select("#access td .path").eachText())
        .contains("RBAC role", "ABAC repository role", "Token", "Admin user");
    assertThat(doc.select("#access tr.access-row").text()).contains("sp-ci-legacy", "Owner", "subscription");
  }

  @Test
  void aBusyRegistryShowsItsFirstFiftyPathsBeyondPullFirstAndSaysHowManyMore() {
    AuditResult result = ReportFixtures.withBusyRegistry(ReportFixtures.rich(), 120);
    Document doc = render(result);
    Element busy = doc.selectFirst("#access .registry[data-registry-id=\"" + ReportFixtures.BUSY_ACR + "\"]");
    assertThat(busy).isNotNull();
    Elements rows = busy.select("tr.access-row");
    assertThat(rows).hasSize(50);
    // 8 of the 120 hold AcrPush: all of them on top, in report order, then pull-only in order.
    assertThat(rows.subList(0, 8)).allMatch(r -> r.hasClass("beyond-pull"));
    assertThat(rows.subList(0, 8).stream().map(r -> r.selectFirst(".identity").text()))
        .containsExactly("sp-ci-007", "sp-ci-022", "sp-ci-037", "sp-ci-052", "sp-ci-067", "sp-ci-082", "sp-ci-097", "sp-ci-112");
    assertThat(rows.subList(8, 50)).noneMatch(r -> r.hasClass("beyond-pull"));
    assertThat(rows.get(8).selectFirst(".identity").text()).isEqualTo("sp-ci-000");
    assertThat(rows.get(49).selectFirst(".identity").text()).isEqualTo("sp-ci-044");
    Element more = busy.selectFirst("tbody > tr:last-child");
    assertThat(more.hasClass("more-paths")).isTrue();
    assertThat(more.text()).isEqualTo("and 70 more paths: see findings.json (accessMatrix)");
    assertThat(more.attr("data-hidden")).isEqualTo("70");
    assertThat(busy.selectFirst("h4").text()).endsWith("120 access paths · 8 beyond pull");

    // Counts are those of the whole matrix, not of what is shown.
    assertThat(doc.select("#about").text())
        .contains("3 registries with pull access · " + result.accessMatrix().stream().toList().size() + " access paths");
    assertThat(result.accessMatrix().stream()).hasSize(ReportFixtures.rich().accessMatrix().stream().toList().size() + 120);
    // The other registries are untouched and have no "more" row.
    assertThat(doc.select("#access tr.access-row")).hasSize(result.accessMatrix().stream().toList().size() - 70);
    assertThat(doc.select("#access tr.more-paths")).hasSize(1);
  }

  @Test
  void theByIdentityViewIsBoundedAndSaysHowManyPathsItLeavesToTheJson() {
    AuditResult result = ReportFixtures.withBusyRegistry(ReportFixtures.rich(), 120);
    Document doc = render(result);
    int paths = result.accessMatrix().stream().toList().size();
    Elements rows = doc.select("#access table.by-identity tr.identity-row");
    // 120 CI principals plus the others: the first 100 identities by name, never the whole tenant.
    assertThat(rows).hasSize(HtmlModel.IDENTITIES);
    int shown = doc.select("#access table.by-identity ul.reach li:not(.muted)").size();
    assertThat(doc.select("#access-by-identity + p.lead").text())
        .contains("first 100 identities by name", (paths - shown) + " more path");
    // Each path an identity holds is listed under it, with the findings on that path.
    Element kubelet = rows.stream().filter(r -> r.selectFirst(".identity").text().equals("aks-clienta-prod-agentpool"))
        .findFirst().orElseThrow();
    assertThat(kubelet.select("ul.reach li").text()).contains("contososaasacr", "AcrPull");
    // sp-ci-legacy sorts after the 100th identity: it is left to findings.json.
    assertThat(rows.eachText()).noneMatch(t -> t.startsWith("sp-ci-legacy"));
    assertThat(doc.select("#access table.by-identity ul.reach a").eachAttr("href")).isNotEmpty()
        .allSatisfy(href -> assertThat(doc.getElementById(href.substring(1)).tagName()).isEqualTo("tr"));
  }

  @Test
  void theCapIsAParameterAndHiddenPathsBeyondPullAreCounted() {
    AuditResult result = ReportFixtures.withBusyRegistry(ReportFixtures.rich(), 120);
    Document doc = Jsoup.parse(html(new HtmlReportWriter(Optional.empty(), 5), result));
    Element busy = doc.selectFirst("#access .registry[data-registry-id=\"" + ReportFixtures.BUSY_ACR + "\"]");
    assertThat(busy.select("tr.access-row")).hasSize(5).allMatch(r -> r.hasClass("beyond-pull"));
    assertThat(busy.selectFirst("tr.more-paths").text())
        .isEqualTo("and 115 more paths (3 of them more than pull): see findings.json (accessMatrix)");
    assertThat(doc.select("#access .lead").text()).contains("at most 5 paths");
    assertThatThrownBy(() -> new HtmlReportWriter(Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBusyRegistryRendersTheSameWhateverTheInputOrder() {
    AuditResult result = ReportFixtures.withBusyRegistry(ReportFixtures.rich(), 120);
    byte[] first = writer.render(result);
    for (long seed = 1; seed <= 3; seed++) {
      assertThat(writer.render(ReportFixtures.shuffled(result, seed))).isEqualTo(first);
    }
  }

  @Test
  void everyBuiltInTemplateIsCheckedBeforeRendering() throws IOException {
    // check() parses this list up front; a built-in template missing from it would only be parsed
    // half way through writing the page.
    try (var files = Files.list(Path.of("reports"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ftlh")))
          .containsExactlyInAnyOrderElementsOf(HtmlReportWriter.TEMPLATES);
    }
  }

  @Test
  void headerCarriesTheRunMetadata() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    assertThat(doc.select("header.report-header").text()).contains(ReportFixtures.TENANT, result.run().runId());
    // The rest waits lower down, in "About this run", after the verdict and the findings.
    String about = doc.select("#about").text();
    assertThat(about)
        .contains(ReportFixtures.TENANT, result.run().snapshotSha256(), result.run().ruleCatalogDigest(), "0.1.0")
        .contains("2026-10-24T00:00:00Z → 2026-11-23T00:00:00Z");
    assertThat(doc.getElementById("about").elementSiblingIndex())
        .isGreaterThan(doc.getElementById("findings").elementSiblingIndex());
  }

  @Test
  void theVerdictComesFirstWithCountsAndTheFiveWorstProblems() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    Element verdict = doc.selectFirst("main > section");
    assertThat(verdict.id()).isEqualTo("verdict");
    // Without a gate decision of its own, the result is judged at the default: --fail-on high.
    assertThat(verdict.selectFirst("#gate-verdict").text()).isEqualTo("FAIL 4 findings at or above high (gate: --fail-on high).");
    assertThat(verdict.selectFirst("#coverage-sentence").text())
        .startsWith("Coverage: 2 of 3 subscriptions and 1 of 1 log workspace read; what could not be read is listed under Coverage.");
    assertThat(verdict.select(".sev-tile[data-severity=critical] .tile-count").text()).isEqualTo("2");
    assertThat(verdict.select(".sev-tile[data-severity=critical] .tile-new").text()).isEqualTo("1 new");
    Elements worst = verdict.select("#worst-problems li");
    assertThat(worst).hasSize(5);
    assertThat(worst.first().text()).startsWith("critical");
    for (Element link : worst.select("a")) {
      Element target = doc.getElementById(link.attr("href").substring(1));
      assertThat(target).as(link.attr("href")).isNotNull();
      assertThat(target.hasClass("finding")).as(link.attr("href")).isTrue();
    }
  }

  /**
   * The first critical finding waived, the second under a waiver that expired yesterday, one waiver
   * ending in three days (it also covers the first), and one that names nothing of this run.
   */
  @Test
  void acceptedRisksListWaivedExpiredExpiringAndStaleWaiversAndTheVerdictLeavesWaivedOut() {
    AuditResult rich = ReportFixtures.rich();
    java.time.LocalDate today = java.time.LocalDate.of(2026, 12, 4);
    List<Finding> criticals = rich.findings().stream()
        .filter(f -> f.severity() == io.acrauditor.findings.Severity.CRITICAL).toList();
    assertThat(criticals).hasSize(2);
    Finding waived = criticals.get(0);
    Finding expired = criticals.get(1);
    io.acrauditor.findings.Waivers waivers = io.acrauditor.findings.Waivers.of(List.of(
        new io.acrauditor.findings.Waiver(waived.ruleId(), null, waived.fingerprint(), "Partner needs it until March",
            "jane.doe@contoso.com", "SEC-1234", today.plusDays(3), io.acrauditor.findings.Waiver.Kind.ACCEPTED, "w.yaml", 2),
        new io.acrauditor.findings.Waiver(expired.ruleId(), null, expired.fingerprint(), "Was being rotated",
            "secops", null, today.minusDays(1), io.acrauditor.findings.Waiver.Kind.MITIGATED, "w.yaml", 9),
        new io.acrauditor.findings.Waiver("ACR-REG-003", "/subscriptions/none/*", null, "Gone registry",
            "secops", "SEC-9", today.plusDays(100), io.acrauditor.findings.Waiver.Kind.ACCEPTED, "w.yaml", 16)), today);
    AuditResult withWaivers = new AuditResult(rich.run(), rich.summary(), rich.findings(), rich.evaluationErrors(),
        rich.coverage(), rich.accessMatrix(), rich.rules(), rich.comparison(),
        io.acrauditor.findings.GateDecision.decide(rich.findings(), rich.comparison(), io.acrauditor.findings.Severity.HIGH, false, waivers),
        null, waivers);
    Document doc = render(withWaivers);

    Element verdict = doc.getElementById("verdict");
    assertThat(verdict.selectFirst("#waived-sentence").text()).startsWith("1 finding waived (accepted risks)");
    // 2 critical findings, one waived: the tile counts the open one only, and the worst five skip the waived one.
    assertThat(verdict.select(".sev-tile[data-severity=critical] .tile-count").text()).isEqualTo("1");
    assertThat(verdict.select("#worst-problems a").eachAttr("href")).doesNotContain("#finding-" + waived.fingerprint())
        .contains("#finding-" + expired.fingerprint());
    assertThat(verdict.selectFirst("#gate-verdict").text()).isEqualTo("FAIL 3 findings at or above high (gate: --fail-on high).");

    Element section = doc.getElementById("accepted-risks");
    assertThat(section).isNotNull();
    Elements waivedRows = section.select("tr.waived-finding[data-waiver=applies]");
    assertThat(waivedRows).hasSize(1);
    assertThat(waivedRows.first().attr("data-fingerprint")).isEqualTo(waived.fingerprint());
    assertThat(waivedRows.first().text())
        .contains("accepted by jane.doe@contoso.com (ticket SEC-1234): Partner needs it until March", "2026-12-07");
    Elements expiredRows = section.select("tr.waived-finding[data-waiver=expired]");
    assertThat(expiredRows).hasSize(1);
    assertThat(expiredRows.first().text()).contains("mitigated by secops", "waiver expired on 2026-12-03");
    assertThat(section.selectFirst("#waivers-expiring").text()).isEqualTo("Expiring within 14 days (1)");
    assertThat(section.select("#waivers-expiring + p + table tr.waiver").text()).contains("jane.doe@contoso.com", "2026-12-07");
    assertThat(section.selectFirst("#waivers-stale").text()).isEqualTo("Stale waivers (1)");
    assertThat(section.select("#waivers-stale + p + table tr.waiver").attr("data-source")).isEqualTo("w.yaml:16");
    assertThat(doc.select("nav.toc a[href=#accepted-risks]").text()).isEqualTo("Accepted risks (1 waived, 1 expired)");
    // Among the findings, each row says where its waiver stands.
    assertThat(doc.getElementById("finding-" + waived.fingerprint()).select(".status-waived").text()).isEqualTo("Waived");
    assertThat(doc.getElementById("finding-" + expired.fingerprint()).select(".status-waiver-expired").text())
        .isEqualTo("Waiver expired on 2026-12-03");
  }

  @Test
  void withoutWaiversThereIsNoAcceptedRisksSection() {
    Document doc = render(ReportFixtures.rich());
    assertThat(doc.getElementById("accepted-risks")).isNull();
    assertThat(doc.getElementById("waived-sentence")).isNull();
  }

  @Test
  void theGateDecisionOfTheRunIsTheVerdict() {
    AuditResult rich = ReportFixtures.rich();
    AuditResult passing = new AuditResult(rich.run(), rich.summary(), rich.findings(), rich.evaluationErrors(), rich.coverage(),
        rich.accessMatrix(), rich.rules(), rich.comparison(),
        io.acrauditor.findings.GateDecision.decide(rich.findings(), rich.comparison(), io.acrauditor.findings.Severity.CRITICAL, true, null),
        null, null);
    Document doc = render(passing);
    // 2 critical findings, one of them new: only new ones count with --fail-on-new.
    assertThat(doc.selectFirst("#gate-verdict").text())
        .isEqualTo("FAIL 1 new finding at or above critical (gate: --fail-on critical --fail-on-new).");
  }

  @Test
  void summaryShowsWhatChangedSinceThePreviousRun() {
    Document doc = render(ReportFixtures.rich());
    Element panel = doc.selectFirst("#summary #changes");
    assertThat(panel).isNotNull();
    assertThat(doc.selectFirst("#summary h2").text()).isEqualTo("Since the previous run");
    assertThat(panel.selectFirst(".compared-with").text())
        .contains(ReportFixtures.PREVIOUS_RUN, ReportFixtures.PREVIOUS_RUN_FINISHED);
    assertThat(panel.select(".change-tile").eachAttr("data-change")).containsExactly("new", "open", "resolved", "not-reassessed");
    assertThat(panel.select(".change-tile .change-count").eachText()).containsExactly("3", "5", "2", "1");
    assertThat(panel.select(".change-tile .change-label").eachText())
        .containsExactly("New", "Still open", "Resolved", "Not reassessed");
    assertThat(panel.selectFirst(".not-reassessed-note").text()).contains("subscriptions this run could not read");
  }

  @Test
  void trendChartHasOneStackedBarPerRunOldestFirst() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    Element svg = doc.selectFirst("#changes svg.trend-chart");
    assertThat(svg).isNotNull();
    assertThat(svg.attr("role")).isEqualTo("img");
    assertThat(svg.selectFirst("title").text()).isEqualTo("Open findings by severity, last 4 runs");
    Elements runs = svg.select("g.trend-run");
    assertThat(runs.eachAttr("data-run-id"))
        .containsExactly("20261120T020000Z-1a2b", "20261121T020000Z-3c4d", ReportFixtures.PREVIOUS_RUN, result.run().runId());
    assertThat(runs.last().hasClass("trend-current")).isTrue();
    assertThat(runs.last().select("text.trend-axis-label").eachText()).containsExactly("23 Nov", "this run");
    assertThat(runs.eachText()).allSatisfy(t -> assertThat(t).isNotBlank());
    // Each bar stacks this run's open findings, most severe at the bottom, and states its total.
    Element current = runs.last();
    assertThat(current.select("rect.trend-seg").eachAttr("data-severity")).containsExactly("critical", "high", "medium", "low", "info");
    assertThat(current.select("rect.trend-seg").eachAttr("data-count")).containsExactly("2", "2", "2", "1", "1");
    assertThat(current.selectFirst("text.trend-total").text()).isEqualTo("8");
    assertThat(runs.get(0).selectFirst("text.trend-total").text()).isEqualTo("9");
    assertThat(current.selectFirst("title").text()).startsWith("This run " + result.run().runId()).contains("8 open", "critical 2");
    List<Integer> tops = current.select("rect.trend-seg").eachAttr("y").stream().map(Integer::parseInt).toList();
    assertThat(tops).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(svg.selectFirst("desc").text()).contains("20 Nov: 9", "23 Nov (this run): 8");
    assertThat(doc.select("#changes .legend li").eachText()).containsExactly("Critical", "High", "Medium", "Low", "Info");
  }

  @Test
  void aLongHistoryShowsTheLastRunsAndTellsSameDayRunsApart() {
    AuditResult rich = ReportFixtures.rich();
    List<RunComparison.TrendPoint> trend = new java.util.ArrayList<>();
    for (int i = 0; i < 15; i++) {
      String finished = String.format("2026-11-23T%02d:30:00Z", i);
      trend.add(new RunComparison.TrendPoint("run-" + i, finished, Map.of("high", i, "low", 20)));
    }
    RunComparison c = rich.comparison();
    AuditResult result =
        new AuditResult(rich.run(), rich.summary(), rich.findings(), rich.evaluationErrors(), rich.coverage(),
            rich.accessMatrix(), rich.rules(),
            new RunComparison(c.previousRunId(), c.previousRunFinishedAt(), c.findings(), c.resolved(), c.notReassessed(), trend));
    Document doc = render(result);
    Elements runs = doc.select("#changes g.trend-run");
    assertThat(runs).hasSize(HtmlModel.TREND_RUNS);
    assertThat(runs.first().attr("data-run-id")).isEqualTo("run-3");
    assertThat(runs.first().select("text.trend-axis-label").eachText()).containsExactly("23 Nov", "03:30");
    assertThat(runs.last().select("text.trend-axis-label").eachText()).containsExactly("23 Nov", "this run");
    assertThat(runs.last().selectFirst("text.trend-total").text()).isEqualTo("34");
    // The tallest bar fits under the top gridline.
    assertThat(doc.select("#changes text.trend-tick").eachText()).containsExactly("0", "10", "20", "30", "40");
    assertThat(doc.select("#changes .legend li").eachText()).containsExactly("High", "Low");
  }

  @Test
  void eachFindingIsMarkedNewOrOpenSince() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    for (Finding f : result.findings()) {
      Element article = doc.getElementById("finding-" + f.fingerprint());
      Elements status = article.select(".status-cell .status");
      assertThat(status).as(f.subject().name()).hasSize(1);
      if (ReportFixtures.NEW_FINDING_SUBJECTS.contains(f.subject().name())) {
        assertThat(article.attr("data-status")).isEqualTo("new");
        assertThat(status.first().hasClass("status-new")).isTrue();
        assertThat(status.text()).isEqualTo("New");
      } else {
        assertThat(article.attr("data-status")).isEqualTo("open");
        assertThat(status.text()).isEqualTo("Open since 2026-09-14");
        assertThat(status.attr("title")).isEqualTo("First seen " + ReportFixtures.FIRST_SEEN);
      }
    }
    assertThat(doc.select("tr.finding .status-new")).hasSize(3);
  }

  @Test
  void resolvedAndNotReassessedFindingsAreListedSeparately() {
    Document doc = render(ReportFixtures.rich());
    Element section = doc.getElementById("resolved");
    assertThat(section.selectFirst("h2").text()).isEqualTo("Resolved since the previous run");
    assertThat(section.previousElementSibling().id()).isEqualTo("access");
    Elements tables = section.select("table.past-findings");
    assertThat(tables).hasSize(2);
    Elements resolved = tables.get(0).select("tr.past-finding");
    assertThat(resolved).hasSize(2);
    assertThat(resolved.get(0).text())
        .contains("high", "registry.anonymous-pull-enabled", "Anonymous pull enabled", "contosoplatformacr", "2026-10-02");
    assertThat(resolved.get(1).text()).contains("low", "token.password-expiring-soon", "client-e-pull", "2026-11-20");
    assertThat(doc.getElementById("not-reassessed").text()).isEqualTo("Not reassessed");
    assertThat(tables.get(1).select("tr.past-finding")).singleElement()
        .satisfies(row -> assertThat(row.text()).contains("fabrikamsandboxacr", "registry.admin-user-enabled"));
    assertThat(section.text()).contains(ReportFixtures.SUB_SANDBOX, "could not read");
  }

  @Test
  void everyInternalLinkHasATarget() {
    for (AuditResult result :
        List.of(ReportFixtures.rich(), ReportFixtures.withoutComparison(ReportFixtures.rich()),
            ReportFixtures.firstRun(ReportFixtures.rich()))) {
      Document doc = render(result);
      for (String href : doc.select("a[href^=#]").eachAttr("href")) {
        assertThat(doc.getElementById(href.substring(1))).as(href).isNotNull();
      }
    }
    Document doc = render(ReportFixtures.rich());
    assertThat(doc.select("nav.toc a").eachAttr("href"))
        .containsExactly("#controls", "#findings", "#changes", "#access", "#resolved", "#evaluation-errors", "#coverage", "#about",
            "#rules");
    assertThat(doc.select("nav.toc a[href=#findings]").text()).isEqualTo("Findings (8, 3 new)");
    assertThat(doc.select("nav.toc a[href=#resolved]").text()).isEqualTo("Resolved (2)");
  }

  @Test
  void withoutAComparisonThereIsNoPanelBadgeOrResolvedSection() {
    AuditResult result = ReportFixtures.withoutComparison(ReportFixtures.rich());
    Document doc = render(result);
    assertThat(doc.select("#changes, #resolved, #not-reassessed, .status, .trend-chart, [data-status]")).isEmpty();
    assertThat(doc.select("nav.toc a").eachAttr("href")).doesNotContain("#changes", "#resolved");
    assertThat(doc.select("tr.finding")).hasSize(result.findings().size());
    assertThat(doc.select("#findings .lead").text()).doesNotContain("New");
  }

  @Test
  void theFirstRunSaysSoAndHasNoTrendYet() {
    AuditResult result = ReportFixtures.firstRun(ReportFixtures.rich());
    Document doc = render(result);
    assertThat(doc.selectFirst("#changes .compared-with").text()).startsWith("First run over this scope");
    assertThat(doc.select("#changes .change-count").eachText()).containsExactly("8", "0", "0");
    assertThat(doc.select("#changes svg")).isEmpty();
    assertThat(doc.selectFirst("#changes .trend-pending").text()).contains("second recorded run");
    assertThat(doc.select("#resolved")).isEmpty();
    assertThat(doc.select("tr.finding .status-new")).hasSize(result.findings().size());
  }

  @Test
  void coverageGapsAndEvaluationErrorsAreShown() {
    AuditResult result = ReportFixtures.rich();
    Document doc = render(result);
    assertThat(doc.getElementById("coverage-gaps").text()).isEqualTo("Coverage gaps: what this audit could not see");
    Elements gaps = doc.select("#coverage tr.gap-row");
    assertThat(gaps).hasSize(result.coverage().gaps().size());
    assertThat(gaps.text()).contains("/subscriptions/" + ReportFixtures.SUB_SANDBOX, "403", "AuthorizationFailed");
    assertThat(doc.select("#coverage table.subscriptions tbody tr")).hasSize(2);
    assertThat(doc.select("#evaluation-errors tr.evaluation-error")).hasSize(1);
    assertThat(doc.select("#rules .rule-entry")).hasSize(result.rules().size());
  }

  @Test
  void pageIsSelfContainedWithAStrictCspAndNoScript() {
    String html = html(writer, ReportFixtures.withHostileNames());
    Document doc = Jsoup.parse(html);
    Element csp = doc.selectFirst("head > meta[http-equiv=Content-Security-Policy]");
    assertThat(csp).isNotNull();
    assertThat(csp.attr("content")).isEqualTo(CSP);
    assertThat(csp.elementSiblingIndex()).isLessThan(doc.selectFirst("head > style").elementSiblingIndex());
    assertThat(doc.select("script, iframe, object, embed, link, img, base, form")).isEmpty();
    for (Element el : doc.getAllElements()) {
      for (Attribute a : el.attributes()) {
        assertThat(a.getKey().toLowerCase(Locale.ROOT)).as("event handler on <%s>", el.tagName()).doesNotStartWith("on");
        if (a.getKey().equals("src") || a.getKey().equals("srcset")) {
          assertThat(a.getValue()).startsWith("data:");
        }
      }
    }
    String css = doc.select("style").html().toLowerCase(Locale.ROOT);
    assertThat(css).contains("@page").contains("size: a4").doesNotContain("@import").doesNotContain("url(");
    assertThat(doc.select("[style]").eachAttr("style")).noneMatch(s -> s.contains("url("));
    assertThat(doc.select("a[href]").eachAttr("href"))
        .allMatch(h -> h.startsWith("#") || h.startsWith("https://") || h.startsWith("http://"));
  }

  @Test
  void hostileNamesAreEscapedEverywhere() {
    AuditResult result = ReportFixtures.withHostileNames();
    String html = html(writer, result);
    Document doc = Jsoup.parse(html);
    assertThat(html).doesNotContain(ReportFixtures.SCRIPT).doesNotContain("<img");
    assertThat(doc.select("script, img")).isEmpty();
    Finding evil = result.findings().get(result.findings().size() - 1);
    Element row = doc.getElementById("finding-" + evil.fingerprint());
    Element article = row.nextElementSibling();
    assertThat(row.selectFirst(".subject-name").text()).contains(ReportFixtures.SCRIPT).contains(ReportFixtures.IMG)
        .endsWith("<U+202E>gpj.exe");
    // No hidden override reaches the page: every one is shown as a marker.
    assertThat(html).doesNotContain(ReportFixtures.BIDI_OVERRIDE).contains("&lt;U+202E&gt;gpj.exe");
    assertThat(article.selectFirst(".message").text()).contains(ReportFixtures.SCRIPT).contains(ReportFixtures.IMG);
    assertThat(article.select("table.kv td").eachText()).anySatisfy(t -> assertThat(t).contains(ReportFixtures.SCRIPT));
    assertThat(article.selectFirst("pre.command code").text()).contains(ReportFixtures.SCRIPT);
    // A javascript: reference is shown as text, never as a link.
    Element block = row.closest(".rule-block");
    Elements unsafe = block.select(".refs li:contains(Unsafe)");
    assertThat(unsafe.text()).contains("Unsafe " + ReportFixtures.SCRIPT);
    assertThat(unsafe.select("a")).isEmpty();
    assertThat(block.select(".refs a").eachAttr("href")).allMatch(h -> h.startsWith("https://"));
    assertThat(doc.select("#access .registry h4").text()).contains(ReportFixtures.SCRIPT);
    assertThat(doc.select("#access .identity").eachText()).contains(ReportFixtures.IMG);
    assertThat(doc.select("#evaluation-errors").text()).contains(ReportFixtures.SCRIPT);
    assertThat(doc.select("#resolved tr.past-finding").text()).contains("token " + ReportFixtures.SCRIPT, "Title " + ReportFixtures.IMG);
    assertThat(doc.select("#changes g.trend-run").eachAttr("data-run-id")).anySatisfy(id -> assertThat(id).endsWith(ReportFixtures.SCRIPT));
    assertThat(doc.select("#changes g.trend-run > title").eachText()).anySatisfy(t -> assertThat(t).contains(ReportFixtures.SCRIPT));
  }

  @Test
  void outputIsDeterministic() {
    AuditResult result = ReportFixtures.rich();
    byte[] first = writer.render(result);
    assertThat(new HtmlReportWriter(Optional.empty()).render(ReportFixtures.shuffled(result, 7))).isEqualTo(first);
  }

  @Test
  void aTemplateInTheTemplatesDirOverridesTheBuiltInOne(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("header.ftlh"), "<header class=\"custom\">Acme audit for ${run.tenantId}</header>\n");
    Files.writeString(dir.resolve("report.css"), "body { color: #123456; }\n");
    Document doc = Jsoup.parse(html(new HtmlReportWriter(Optional.of(dir)), ReportFixtures.rich()));
    assertThat(doc.select("header.custom").text()).isEqualTo("Acme audit for " + ReportFixtures.TENANT);
    assertThat(doc.select("style").html()).contains("#123456");
    assertThat(doc.select("tr.finding")).isNotEmpty();
  }

  @Test
  void overridingTemplatesCannotReachIntoJava(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("header.ftlh"),
        "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}\n");
    HtmlReportWriter hostile = new HtmlReportWriter(Optional.of(dir));
    assertThatThrownBy(() -> hostile.render(ReportFixtures.rich()))
        .isInstanceOf(ReportRenderException.class)
        .hasMessageContaining("header.ftlh");

    Files.writeString(dir.resolve("header.ftlh"), "${run?api.getClass()}\n");
    HtmlReportWriter api = new HtmlReportWriter(Optional.of(dir));
    assertThatThrownBy(() -> api.render(ReportFixtures.rich())).isInstanceOf(ReportRenderException.class);
  }

  @Test
  void aBrokenTemplateFailsWithItsNameAndLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("summary.ftlh"), "<section>\n${noSuchVariable}\n</section>\n");
    assertThatThrownBy(() -> new HtmlReportWriter(Optional.of(dir)).render(ReportFixtures.rich()))
        .isInstanceOf(ReportRenderException.class)
        .hasMessageContaining("summary.ftlh:2");
  }

  @Test
  void aMissingTemplatesDirIsRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> new HtmlReportWriter(Optional.of(dir.resolve("nope"))))
        .isInstanceOf(ReportRenderException.class)
        .hasMessageContaining("nope");
  }
}
