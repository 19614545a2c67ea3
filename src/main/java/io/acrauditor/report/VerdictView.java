package io.acrauditor.report;

import io.acrauditor.findings.GateDecision;
import io.acrauditor.findings.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The first screen: the gate's verdict (the same decision as the exit code), coverage in one
 * sentence, counts by severity with how many are new, and the five worst problems, each a link.
 * Findings under a waiver that applies are accepted risks, not open problems: they are left out of
 * the counts and the worst five, and {@code waived} says how many there are.
 */
public record VerdictView(
    boolean failed, String verdict, String coverage, List<SeverityTally> severities, boolean compared,
    List<Worst> worst, int waived) {

  static final int WORST = 5;

  public record SeverityTally(String id, String label, int count, int newCount) {}

  /** {@code href} is the anchor of the finding's row in the findings section. */
  public record Worst(String href, String severity, String title, String subject, boolean fresh) {}

  static VerdictView of(GateDecision gate, CoverageStory coverage, List<ReportedFinding> findings, boolean compared,
      SubjectNames names) {
    List<ReportedFinding> open = findings.stream().filter(f -> !f.isWaived()).toList();
    List<SeverityTally> severities = new ArrayList<>();
    for (Severity s : Severity.values()) {
      int count = 0;
      int fresh = 0;
      for (ReportedFinding f : open) {
        if (f.severity() == s) {
          count++;
          fresh += f.isNew() ? 1 : 0;
        }
      }
      severities.add(new SeverityTally(s.label(), HtmlModel.display(s), count, fresh));
    }
    // Findings come in report order (severity first); new before open within a severity.
    List<Worst> worst = open.stream()
        .sorted(Comparator.comparing(ReportedFinding::severity).thenComparing(f -> !f.isNew()))
        .limit(WORST)
        .map(f -> new Worst("#finding-" + f.fingerprint(), f.severity().label(), f.title(), names.name(f), f.isNew()))
        .toList();
    return new VerdictView(gate.failed(), gate.reason(), coverage.sentence(), severities, compared, worst,
        findings.size() - open.size());
  }
}
