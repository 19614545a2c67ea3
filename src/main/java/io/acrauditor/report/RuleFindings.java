package io.acrauditor.report;

import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.Severity;
import io.acrauditor.report.HtmlModel.Entry;
import io.acrauditor.report.HtmlModel.Link;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The findings section: one block per rule that fired, its text once, then a compact row per
 * affected subject with the two or three evidence values that matter and its own commands.
 * Rows are made as the template reaches them ({@link LazyList}).
 */
final class RuleFindings {
  /** Evidence that already makes up the subject's name, or is an id: not a column of its own. */
  private static final Set<String> NAME_KEYS = Set.of(
      "principal", "principalId", "principalType", "principalExists", "role", "roleDefinitionId", "scope", "scopeLevel",
      "kubeletOf", "servicePrincipalOf");
  static final int KEY_COLUMNS = 3;

  private RuleFindings() {}

  /** One rule that fired. {@code keyColumns} head the evidence columns of its rows. */
  public record RuleBlock(
      String ruleId, String title, String severity, String rationale, String remediationText, List<Link> references,
      int count, int newCount, List<String> keyColumns, List<FindingRow> rows) {}

  /**
   * One affected subject. {@code anchor} is the element id the first screen links to; {@code
   * keyValues} line up with the block's {@code keyColumns}; {@code evidence} is all of it, labelled.
   */
  public record FindingRow(
      String anchor, String fingerprint, String name, String kind, String scope, String resourceId, String message,
      List<String> keyValues, String status, String firstSeen, String firstSeenDate, List<Command> commands,
      List<Entry> evidence, WaiverNote waiver) {}

  /** A remediation command and, when running it disrupts something, what. */
  public record Command(String command, String disrupts) {}

  static List<RuleBlock> of(List<ReportedFinding> findings, List<AppliedRule> rules, SubjectNames names) {
    Map<String, AppliedRule> byId = new LinkedHashMap<>();
    for (AppliedRule r : rules) {
      byId.put(r.id(), r);
    }
    // A block sits under the most severe finding its rule raised.
    Map<String, Severity> worst = new LinkedHashMap<>();
    for (ReportedFinding f : findings) {
      worst.merge(f.ruleId(), f.severity(), (a, b) -> a.atLeast(b) ? a : b);
    }
    Map<String, List<ReportedFinding>> byRule = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      for (ReportedFinding f : findings) {
        if (worst.get(f.ruleId()) == s) {
          byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
        }
      }
    }
    List<RuleBlock> blocks = new ArrayList<>();
    byRule.forEach((ruleId, list) -> {
      AppliedRule rule = byId.get(ruleId);
      ReportedFinding first = list.get(0);
      Map<String, String> labels = rule == null ? Map.of() : rule.evidenceLabels();
      List<String> keys = keyColumns(list);
      List<String> notes = rule == null || rule.commandNotes() == null ? List.of() : rule.commandNotes();
      int fresh = (int) list.stream().filter(ReportedFinding::isNew).count();
      blocks.add(new RuleBlock(
          ruleId,
          first.title(),
          worst.get(ruleId).label(),
          rule == null ? null : rule.rationale(),
          first.remediation() == null ? null : first.remediation().text(),
          HtmlModel.links(references(list)),
          list.size(),
          fresh,
          keys.stream().map(k -> Labels.evidence(k, labels)).toList(),
          new LazyList<>(list, f -> row(f, keys, labels, notes, names))));
    });
    return blocks;
  }

  /** The references of a rule's findings, each once: a rule override may have changed them between runs. */
  private static List<io.acrauditor.findings.Reference> references(List<ReportedFinding> findings) {
    Set<io.acrauditor.findings.Reference> all = new LinkedHashSet<>();
    for (ReportedFinding f : findings) {
      if (f.references() != null) {
        all.addAll(f.references());
      }
    }
    return List.copyOf(all);
  }

  private static List<String> keyColumns(List<ReportedFinding> findings) {
    Set<String> keys = new LinkedHashSet<>();
    for (ReportedFinding f : findings) {
      if (f.evidence() == null) {
        continue;
      }
      for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
        if (!NAME_KEYS.contains(e.getKey()) && meaningful(e.getValue())) {
          keys.add(e.getKey());
        }
      }
      if (keys.size() >= KEY_COLUMNS) {
        break;
      }
    }
    return List.copyOf(keys).subList(0, Math.min(KEY_COLUMNS, keys.size()));
  }

  private static boolean meaningful(Object value) {
    return value != null
        && !(value instanceof java.util.Collection<?> c && c.isEmpty())
        && !(value instanceof Map<?, ?> m && m.isEmpty());
  }

  private static FindingRow row(
      ReportedFinding f, List<String> keys, Map<String, String> labels, List<String> notes, SubjectNames names) {
    Map<String, Object> evidence = f.evidence() == null ? Map.of() : f.evidence();
    List<String> values = keys.stream()
        .map(k -> evidence.containsKey(k) ? EvidenceText.of(evidence.get(k)) : "—")
        .toList();
    List<Command> commands = new ArrayList<>();
    List<String> lines = f.remediation() == null || f.remediation().commands() == null ? List.of() : f.remediation().commands();
    for (int i = 0; i < lines.size(); i++) {
      commands.add(new Command(lines.get(i), i < notes.size() ? notes.get(i) : null));
    }
    List<Entry> all = evidence.entrySet().stream()
        .map(e -> new Entry(Labels.evidence(e.getKey(), labels), EvidenceText.of(e.getValue())))
        .toList();
    return new FindingRow(
        "finding-" + f.fingerprint(), f.fingerprint(), names.name(f), f.subject().kind(), names.scope(f.subject()),
        f.subject().resourceId(), f.message(), values, f.status(), f.firstSeen(), HtmlModel.day(f.firstSeen()),
        List.copyOf(commands), all, f.waiver());
  }
}
