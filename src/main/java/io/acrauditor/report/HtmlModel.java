package io.acrauditor.report;

import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Reference;
import io.acrauditor.findings.RunMetadata;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.index.AccessPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the HTML templates see: the audit result already grouped, sorted and flattened into
 * strings where a template would otherwise need logic (evidence values, chart geometry, which
 * links are safe). Templates stay layout only, and an overriding template cannot get the order or
 * the escaping wrong.
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
    List<TopRule> topRules,
    List<RegistryAccess> accessMatrix,
    int accessPathCount,
    List<SeverityGroup> findings,
    List<EvaluationError> evaluationErrors,
    Coverage coverage,
    List<RuleView> rules) {

  static final int TOP_RULES = 10;

  /** {@code id} is the lower-case severity used in CSS classes; {@code label} is for people. */
  public record SeverityCount(String id, String label, int count) {}

  /** A horizontal bar chart; coordinates are in SVG user units. */
  public record Chart(int width, int height, List<Bar> bars) {}

  public record Bar(String id, String label, int count, int y, int barX, int barWidth, int textY, int countX) {}

  public record TopRule(String ruleId, String title, String severity, int count) {}

  public record RegistryAccess(String registryName, String registryId, List<AccessRow> paths, int beyondPull) {}

  /**
   * One access matrix row. {@code scopeShown} and {@code identityIdShown} drop the registry's own
   * resource id, already printed above the table, so the row shows what differs ("registry",
   * "scopeMaps/_repositories_pull") instead of the same 150 characters on every line.
   */
  public record AccessRow(AccessPath access, String scopeShown, String identityIdShown) {}

  public record SeverityGroup(String id, String label, int count, List<RuleGroup> rules) {}

  public record RuleGroup(String ruleId, String title, String severity, List<FindingView> findings) {}

  public record FindingView(Finding finding, List<Entry> evidence, List<Link> references) {}

  public record RuleView(AppliedRule rule, String severity, List<Entry> parameters, List<Link> references) {}

  public record Entry(String key, String value) {}

  /** {@code href} is null when the URL is not http(s): such a link is shown as text, never followed. */
  public record Link(String kind, String id, String label, String href) {}

  public static HtmlModel of(AuditResult result) {
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

    List<RegistryAccess> registries = groupByRegistry(doc.accessMatrix());
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
        doc.summary().byRule().stream()
            .limit(TOP_RULES)
            .map(r -> new TopRule(r.ruleId(), r.title(), label(r.severity()), r.count()))
            .toList(),
        registries,
        doc.accessMatrix().size(),
        groupFindings(doc.findings()),
        doc.evaluationErrors(),
        coverage,
        doc.rules().stream()
            .map(r -> new RuleView(r, label(r.severity()), entries(r.parameters()), links(r.references())))
            .toList());
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

  private static List<RegistryAccess> groupByRegistry(List<AccessPath> paths) {
    Map<String, List<AccessPath>> byRegistry = new LinkedHashMap<>();
    for (AccessPath p : paths) {
      String key = Objects.toString(p.registryId(), "").toLowerCase(Locale.ROOT);
      byRegistry.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    }
    return byRegistry.values().stream()
        .map(
            rows ->
                new RegistryAccess(
                    rows.get(0).registryName(),
                    rows.get(0).registryId(),
                    rows.stream().map(HtmlModel::row).toList(),
                    (int) rows.stream().filter(AccessPath::beyondPull).count()))
        .toList();
  }

  private static AccessRow row(AccessPath p) {
    String scope = relativeTo(p.registryId(), p.scope(), "this registry");
    // "registry" over "this registry" says the same thing twice.
    if ("this registry".equals(scope) && p.scopeLevel() != null) {
      scope = null;
    }
    return new AccessRow(p, scope, relativeTo(p.registryId(), p.identityId(), null));
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

  private static List<SeverityGroup> groupFindings(List<Finding> findings) {
    List<SeverityGroup> groups = new ArrayList<>();
    for (Severity s : Severity.values()) {
      Map<String, List<FindingView>> byRule = new LinkedHashMap<>();
      Map<String, String> titles = new LinkedHashMap<>();
      int count = 0;
      for (Finding f : findings) {
        if (f.severity() != s) {
          continue;
        }
        byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>())
            .add(new FindingView(f, entries(f.evidence()), links(f.references())));
        titles.putIfAbsent(f.ruleId(), f.title());
        count++;
      }
      if (count == 0) {
        continue;
      }
      List<RuleGroup> rules =
          byRule.entrySet().stream()
              .map(e -> new RuleGroup(e.getKey(), titles.get(e.getKey()), s.label(), List.copyOf(e.getValue())))
              .toList();
      groups.add(new SeverityGroup(s.label(), display(s), count, rules));
    }
    return groups;
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
