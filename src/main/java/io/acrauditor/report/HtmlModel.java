package io.acrauditor.report;

import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.GateDecision;
import io.acrauditor.findings.Reference;
import io.acrauditor.findings.RunComparison.PastFinding;
import io.acrauditor.findings.RunMetadata;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.index.AccessPath;
import io.acrauditor.report.FindingsDocument.Comparison;
import io.acrauditor.report.FindingsDocument.TrendPoint;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the HTML templates see: the audit result already grouped, sorted and flattened into
 * strings where a template would otherwise need logic (evidence values, chart geometry, which
 * links are safe). Templates stay layout only, and an overriding template cannot get the order or
 * the escaping wrong.
 *
 * <p>Built for a page that is streamed as it renders: {@code accessMatrix} and the findings of
 * each rule are views whose elements are made when the template reaches them and dropped after,
 * so the model adds to the heap only what the one element being rendered needs. A template that
 * reads an element twice gets it made twice. The access matrix shows at most {@code
 * pathsPerRegistry} paths of each registry; the counts ({@code accessMatrix?size}, {@code
 * accessPathCount}, {@code pathCount}) are always those of the whole matrix.
 */
public record HtmlModel(
    RunMetadata run,
    List<Entry> parameters,
    String logWindowStart,
    String logWindowEnd,
    int totalFindings,
    int subjectsEvaluated,
    int coverageGaps,
    List<SeverityCount> severities,
    Chart chart,
    Changes changes,
    List<TopRule> topRules,
    List<RegistryAccess> accessMatrix,
    int accessPathCount,
    int pathsPerRegistry,
    List<RuleFindings.RuleBlock> findings,
    List<EvaluationError> evaluationErrors,
    Coverage coverage,
    List<RuleView> rules,
    VerdictView verdict,
    CoverageStory coverageStory,
    ControlsView controls,
    IdentityAccess accessByIdentity,
    AcceptedRisks acceptedRisks) {

  static final int TOP_RULES = 10;

  /** The by-identity view keeps at most this many identities and paths each; findings.json has all. */
  static final int IDENTITIES = 100;
  static final int PATHS_PER_IDENTITY = 30;

  /** A chart of more runs than this gets bars too thin to read; the JSON keeps the whole trend. */
  static final int TREND_RUNS = 12;

  /** {@code id} is the lower-case severity used in CSS classes; {@code label} is for people. */
  public record SeverityCount(String id, String label, int count) {}

  /** A horizontal bar chart; coordinates are in SVG user units. */
  public record Chart(int width, int height, List<Bar> bars) {}

  public record Bar(String id, String label, int count, int y, int barX, int barWidth, int textY, int countX) {}

  public record TopRule(String ruleId, String title, String severity, int count) {}

  /**
   * One registry's part of the matrix. {@code paths} are the rows shown: those beyond pull first,
   * then the others, each in report order, at most the model's {@code pathsPerRegistry}; {@code
   * hidden} more paths ({@code hiddenBeyondPull} of them beyond pull) are only in {@code
   * findings.json}. {@code pathCount} and {@code beyondPull} count all of the registry's paths.
   */
  public record RegistryAccess(
      String registryName,
      String registryId,
      List<AccessRow> paths,
      int pathCount,
      int beyondPull,
      int hidden,
      int hiddenBeyondPull) {}

  /**
   * One access matrix row. {@code scopeShown} and {@code identityIdShown} drop the registry's own
   * resource id, already printed above the table, so the row shows what differs ("registry",
   * "scopeMaps/_repositories_pull") instead of the same 150 characters on every line.
   */
  public record AccessRow(AccessPath access, String identityShown, String scopeShown, String identityIdShown, List<Link> findings) {}

  /**
   * What changed since the previous run; null when the run was not compared with any.
   * {@code trend} is null below two runs: one bar is not a trend.
   */
  public record Changes(
      boolean firstRun,
      String previousRunId,
      String previousRunFinishedAt,
      int newCount,
      int openCount,
      int resolvedCount,
      int notReassessedCount,
      int newlyWaivedCount,
      int waiverExpiredCount,
      List<PastView> resolved,
      List<PastView> notReassessed,
      List<String> notReassessedSubscriptions,
      TrendChart trend) {}

  public record PastView(PastFinding finding, String severity, String firstSeenDate) {}

  /**
   * Open findings by severity as stacked bars, one column per run, most severe at the bottom.
   * Counts are printed inside the segments that are tall enough and as a total above each bar, so
   * the chart reads without its colours (grayscale print).
   */
  public record TrendChart(
      int width,
      int height,
      int plotLeft,
      int plotRight,
      int baseline,
      List<Tick> ticks,
      List<TrendColumn> columns,
      List<SeverityCount> legend,
      String description) {}

  public record Tick(int value, int y) {}

  /** {@code line1}/{@code line2}: the axis label, a short date and "this run" or a time of day. */
  public record TrendColumn(
      String runId,
      String finishedAt,
      String line1,
      String line2,
      boolean current,
      int x,
      int width,
      int centerX,
      int total,
      int totalY,
      String summary,
      List<TrendSegment> segments) {}

  public record TrendSegment(String id, String label, int count, int y, int height, boolean labelled, int labelY) {}

  public record RuleView(AppliedRule rule, String severity, List<Entry> parameters, List<Link> references) {}

  public record Entry(String key, String value) {}

  /** {@code href} is null when the URL is not http(s): such a link is shown as text, never followed. */
  public record Link(String kind, String id, String label, String href) {}

  public static HtmlModel of(AuditResult result) {
    return of(result, HtmlReportWriter.DEFAULT_PATHS_PER_REGISTRY);
  }

  /** {@code pathsPerRegistry}: the most access paths shown for one registry, at least 1. */
  public static HtmlModel of(AuditResult result, int pathsPerRegistry) {
    if (pathsPerRegistry < 1) {
      throw new IllegalArgumentException("pathsPerRegistry must be at least 1, was " + pathsPerRegistry);
    }
    FindingsDocument doc = FindingsDocument.of(result);
    RunMetadata run = doc.run() == null ? emptyRun() : doc.run();
    Coverage coverage = doc.coverage();

    List<SeverityCount> severities = new ArrayList<>();
    for (Severity s : Severity.values()) {
      severities.add(new SeverityCount(s.label(), display(s), doc.summary().bySeverity().get(s)));
    }

    String windowStart = run.logWindowStart();
    String windowEnd = run.logWindowEnd();
    if (windowStart == null && windowEnd == null && coverage.logWindow() != null) {
      windowStart = coverage.logWindow().start();
      windowEnd = coverage.logWindow().end();
    }

    AccessMatrix matrix = doc.accessMatrix();
    SubjectNames names = new SubjectNames(coverage);
    CoverageStory story = CoverageStory.of(coverage);
    IdentityAccess.FindingLinks findingLinks = new IdentityAccess.FindingLinks(doc.findings());
    GateDecision gate = result.gate() != null
        ? result.gate()
        : GateDecision.decide(result.findings() == null ? List.of() : result.findings(), result.comparison(), Severity.HIGH, false, result.waivers());
    return new HtmlModel(
        run,
        entries(run.parameters()),
        windowStart,
        windowEnd,
        doc.summary().findings(),
        doc.summary().subjectsEvaluated(),
        coverage.gaps().size(),
        severities,
        chart(severities),
        doc.comparison() == null ? null : changes(doc.comparison()),
        doc.summary().byRule().stream()
            .limit(TOP_RULES)
            .map(r -> new TopRule(r.ruleId(), r.title(), label(r.severity()), r.count()))
            .toList(),
        new LazyList<>(matrix.registries(), r -> registry(matrix, r, pathsPerRegistry, findingLinks)),
        matrix.size(),
        pathsPerRegistry,
        RuleFindings.of(doc.findings(), doc.rules(), names),
        doc.evaluationErrors(),
        coverage,
        doc.rules().stream()
            .map(r -> new RuleView(r, label(r.severity()), entries(r.parameters()), links(r.references())))
            .toList(),
        VerdictView.of(gate, story, doc.findings(), doc.comparison() != null, names),
        story,
        ControlsView.of(doc.controls(), doc.rules()),
        IdentityAccess.of(matrix, findingLinks, names, IDENTITIES, PATHS_PER_IDENTITY),
        AcceptedRisks.of(result.waivers(), result.findings() == null ? List.of() : result.findings(), doc.findings(), names));
  }

  private static RunMetadata emptyRun() {
    return new RunMetadata(null, null, null, null, null, null, null, null, null, null, null, Map.of());
  }

  static String display(Severity s) {
    String label = s.label();
    return Character.toUpperCase(label.charAt(0)) + label.substring(1);
  }

  private static String label(Severity s) {
    return s == null ? "unknown" : s.label();
  }

  private static Chart chart(List<SeverityCount> severities) {
    int rowHeight = 30;
    int barX = 96;
    int maxBar = 300;
    int max = severities.stream().mapToInt(SeverityCount::count).max().orElse(0);
    List<Bar> bars = new ArrayList<>();
    int y = 8;
    for (SeverityCount s : severities) {
      // A non-zero count always gets a visible sliver, so "1" never looks like "0".
      int width = max == 0 ? 0 : Math.max(s.count() == 0 ? 0 : 3, Math.round((float) s.count() * maxBar / max));
      bars.add(new Bar(s.id(), s.label(), s.count(), y, barX, width, y + 16, barX + width + 8));
      y += rowHeight;
    }
    return new Chart(barX + maxBar + 60, y + 4, bars);
  }

  private static RegistryAccess registry(
      AccessMatrix matrix, AccessMatrix.Registry registry, int limit, IdentityAccess.FindingLinks links) {
    List<AccessPath> all = matrix.paths(registry);
    List<AccessRow> shown = new ArrayList<>(Math.min(limit, all.size()));
    // Two passes keep report order within each kind and put what can push or delete where a
    // reader looks first; a cap then only ever hides plain pull before it hides more.
    for (boolean beyondPull : new boolean[] {true, false}) {
      for (AccessPath p : all) {
        if (shown.size() < limit && p.beyondPull() == beyondPull) {
          shown.add(row(p, links));
        }
      }
    }
    int shownBeyondPull = Math.min(limit, registry.beyondPull());
    return new RegistryAccess(
        registry.registryName(),
        registry.registryId(),
        shown,
        registry.size(),
        registry.beyondPull(),
        registry.size() - shown.size(),
        registry.beyondPull() - shownBeyondPull);
  }

  private static AccessRow row(AccessPath p, IdentityAccess.FindingLinks links) {
    String scope = relativeTo(p.registryId(), p.scope(), "this registry");
    // "registry" over "this registry" says the same thing twice.
    if ("this registry".equals(scope) && p.scopeLevel() != null) {
      scope = null;
    }
    String identity = p.kubeletOf().isEmpty()
        ? p.identity()
        : "kubelet identity of cluster" + (p.kubeletOf().size() == 1 ? " " : "s ") + String.join(", ", p.kubeletOf());
    if (p.viaGroup() != null) {
      identity = identity + " (member of group " + p.viaGroup() + ")";
    }
    return new AccessRow(p, identity, scope, relativeTo(p.registryId(), p.identityId(), null), links.on(p));
  }

  /** {@code id} relative to {@code base} when it lies under it (Azure ids are case-insensitive). */
  static String relativeTo(String base, String id, String whenEqual) {
    if (base == null || id == null) {
      return id;
    }
    String lowerBase = base.toLowerCase(Locale.ROOT);
    String lowerId = id.toLowerCase(Locale.ROOT);
    if (lowerId.equals(lowerBase)) {
      return whenEqual == null ? id : whenEqual;
    }
    return lowerId.startsWith(lowerBase + "/") ? id.substring(base.length() + 1) : id;
  }

  private static Changes changes(Comparison c) {
    List<String> subscriptions =
        c.notReassessed().stream()
            .map(p -> AzureIds.subscriptionOf(p.resourceId()))
            .filter(Objects::nonNull)
            .distinct()
            .sorted(ReportOrder.folded())
            .toList();
    return new Changes(
        c.previousRunId() == null,
        c.previousRunId(),
        c.previousRunFinishedAt(),
        c.counts().newFindings(),
        c.counts().open(),
        c.counts().resolved(),
        c.counts().notReassessed(),
        c.counts().newlyWaived(),
        c.counts().waiverExpired(),
        c.resolved().stream().map(HtmlModel::past).toList(),
        c.notReassessed().stream().map(HtmlModel::past).toList(),
        subscriptions,
        c.trend().size() < 2 ? null : trend(c.trend()));
  }

  private static PastView past(PastFinding p) {
    return new PastView(p, label(p.severity()), day(p.firstSeen()));
  }


  /** The UTC day of a timestamp, as ISO {@code yyyy-MM-dd}; the text itself when it is not one. */
  static String day(String timestamp) {
    Instant instant = ReportOrder.instant(timestamp);
    return instant == null ? timestamp : DateTimeFormatter.ISO_LOCAL_DATE.format(instant.atOffset(ZoneOffset.UTC));
  }

  private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  static TrendChart trend(List<TrendPoint> all) {
    List<TrendPoint> points = all.subList(Math.max(0, all.size() - TREND_RUNS), all.size());
    int width = 480;
    int height = 224;
    int plotLeft = 40;
    int plotRight = width - 10;
    int plotTop = 22;
    int baseline = height - 42;

    int max = points.stream().mapToInt(TrendPoint::total).max().orElse(0);
    int step = niceStep(Math.max(max, 1));
    int top = step * Math.max(1, (max + step - 1) / step);
    double scale = (double) (baseline - plotTop) / top;
    List<Tick> ticks = new ArrayList<>();
    for (int v = 0; v <= top; v += step) {
      ticks.add(new Tick(v, baseline - (int) Math.round(v * scale)));
    }

    // Several runs on one day would all read "20 Nov": then the time of day tells them apart.
    List<Instant> times = points.stream().map(p -> ReportOrder.instant(p.finishedAt())).toList();
    long days = times.stream().filter(Objects::nonNull).map(t -> t.atOffset(ZoneOffset.UTC).toLocalDate()).distinct().count();
    boolean sameDayRuns = days < times.stream().filter(Objects::nonNull).count();

    double slot = (double) (plotRight - plotLeft) / points.size();
    int barWidth = (int) Math.min(44, Math.round(slot * 0.56));
    List<TrendColumn> columns = new ArrayList<>();
    boolean[] present = new boolean[Severity.values().length];
    for (int i = 0; i < points.size(); i++) {
      TrendPoint p = points.get(i);
      boolean current = i == points.size() - 1;
      int center = plotLeft + (int) Math.round(slot * i + slot / 2);
      List<TrendSegment> segments = new ArrayList<>();
      int cumulative = 0;
      int lastY = baseline;
      List<String> parts = new ArrayList<>();
      for (Severity s : Severity.values()) {
        int count = p.bySeverity().get(s);
        parts.add(s.label() + " " + count);
        if (count == 0) {
          continue;
        }
        present[s.ordinal()] = true;
        cumulative += count;
        // Rounding the running total, not each segment, keeps the stack flush with the total.
        int y = baseline - (int) Math.round(cumulative * scale);
        int segmentHeight = lastY - y;
        segments.add(new TrendSegment(s.label(), display(s), count, y, segmentHeight, segmentHeight >= 14, y + segmentHeight / 2 + 4));
        lastY = y;
      }
      Instant time = times.get(i);
      String line1 = time == null ? (p.finishedAt() == null ? "" : p.finishedAt()) : SHORT_DAY.format(time.atOffset(ZoneOffset.UTC));
      String line2 = current ? "this run" : sameDayRuns && time != null ? TIME_OF_DAY.format(time.atOffset(ZoneOffset.UTC)) : null;
      String summary =
          (current ? "This run" : "Run") + " " + p.runId()
              + (p.finishedAt() == null ? "" : ", finished " + p.finishedAt())
              + ": " + cumulative + " open (" + String.join(", ", parts) + ")";
      columns.add(
          new TrendColumn(p.runId(), p.finishedAt(), line1, line2, current, center - barWidth / 2, barWidth, center,
              cumulative, lastY - 6, summary, segments));
    }

    List<SeverityCount> legend = new ArrayList<>();
    for (Severity s : Severity.values()) {
      if (present[s.ordinal()]) {
        legend.add(new SeverityCount(s.label(), display(s), points.get(points.size() - 1).bySeverity().get(s)));
      }
    }
    String description =
        "Open findings at the end of each of the last " + points.size() + " runs, oldest first: "
            + String.join("; ", columns.stream().map(c -> (c.line1() + (c.current() ? " (this run)" : "") + ": " + c.total()).trim()).toList())
            + ".";
    return new TrendChart(width, height, plotLeft, plotRight, baseline, ticks, columns, legend, description);
  }

  /** 1, 2, 5, 10, 20, 50 ...: the smallest that puts at most four gridlines above zero. */
  static int niceStep(int max) {
    int magnitude = 1;
    while (true) {
      for (int m : new int[] {1, 2, 5}) {
        int step = m * magnitude;
        if ((max + step - 1) / step <= 4) {
          return step;
        }
      }
      magnitude *= 10;
    }
  }

  static List<Entry> entries(Map<String, Object> values) {
    if (values == null) {
      return List.of();
    }
    return values.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(ReportOrder.folded()))
        .map(e -> new Entry(e.getKey(), EvidenceText.of(e.getValue())))
        .toList();
  }

  static List<Link> links(List<Reference> references) {
    if (references == null) {
      return List.of();
    }
    return references.stream()
        .map(
            r -> {
              String label = firstNonBlank(r.title(), r.id(), r.url(), r.kind());
              return new Link(r.kind(), r.id(), label, safeHref(r.url()));
            })
        .toList();
  }

  /** Only web links become clickable; {@code javascript:} and friends stay inert text. */
  static String safeHref(String url) {
    if (url == null) {
      return null;
    }
    String lower = url.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://") ? url.trim() : null;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return "";
  }
}
