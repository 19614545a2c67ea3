package io.acrauditor.cli;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.GateDecision;
import io.acrauditor.findings.RunComparison;
import io.acrauditor.findings.Severity;
import io.acrauditor.findings.Summary;
import io.acrauditor.report.ReportFormat;
import io.acrauditor.text.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The short summary an operator reads in a terminal or a CronJob log. */
final class AuditSummaryPrinter {
  private final PrintWriter out;

  AuditSummaryPrinter(PrintWriter out) {
    this.out = out;
  }

  void print(AuditResult result, Path runFolder, Severity threshold, boolean onlyNew, Set<ReportFormat> formats) {
    Summary summary = result.summary();
    // The summary counts open findings; accepted risks are listed apart (WaiverSummaryPrinter).
    int waived = result.findings().size() - summary.findings();
    out.printf("ACR access audit: %d findings over %d subjects%s%n", summary.findings(), summary.subjectsEvaluated(),
        waived > 0 ? " (and " + waived + " waived: accepted risks, not counted)" : "");
    out.println();
    out.printf("  %-9s %5s%n", "SEVERITY", "COUNT");
    for (Severity s : Severity.values()) {
      out.printf("  %-9s %5d%n", s.label(), summary.bySeverity().getOrDefault(s.label(), 0));
    }
    // Every rule the gate counts, however many: these are what the exit code is about.
    List<Summary.RuleCount> gatingRules = summary.byRule().stream().filter(r -> r.severity().atLeast(threshold)).toList();
    if (!gatingRules.isEmpty()) {
      out.println();
      out.printf("  Rules at or above %s:%n", threshold.label());
      for (Summary.RuleCount rule : gatingRules) {
        out.printf("  %-12s %-8s %3d  %s%n", Printable.line(rule.ruleId()), rule.severity().label(), rule.count(),
            Printable.line(rule.title()));
      }
    }
    long below = summary.byRule().size() - gatingRules.size();
    if (below > 0) {
      out.printf("  (%d more rule(s) below %s fired: see the report)%n", below, threshold.label());
    }
    if (summary.coverageGaps() > 0 || summary.evaluationErrors() > 0) {
      out.println();
      out.printf("  Coverage gaps: %d   Evaluation errors: %d (see the report)%n",
          summary.coverageGaps(), summary.evaluationErrors());
    }
    RunComparison comparison = result.comparison();
    if (comparison != null) {
      out.println();
      long fresh = AuditCommand.newFindings(result).size();
      out.printf("  Since the previous run: %s%n", comparison.previousRunId() == null
          ? String.format("none (first run over this scope), so all %d finding(s) are new", fresh)
          : String.format("%d new, %d still open, %d resolved, %d not reassessed",
              fresh, result.findings().size() - fresh, comparison.resolved().size(), comparison.notReassessed().size())
              + waiverChanges(comparison));
    }
    out.println();
    Path folder = runFolder.toAbsolutePath().normalize();
    out.printf("  Run:      %s%n", Printable.line(result.run().runId()));
    if (formats.contains(ReportFormat.HTML)) {
      out.printf("  Report:   %s%n", folder.resolve(ReportFormat.HTML.fileName()));
    }
    if (formats.contains(ReportFormat.PDF)) {
      out.printf("  PDF:      %s%n", folder.resolve(ReportFormat.PDF.fileName()));
    }
    out.printf("  Findings: %s%n", folder.resolve("findings.json"));
    out.printf("  Snapshot: %s%n", folder.resolve("snapshot.json"));
    // The run's gate decision, the one the exit code and the report's verdict follow.
    GateDecision gate = result.gate() != null
        ? result.gate()
        : GateDecision.decide(result.findings(), result.comparison(), threshold, onlyNew, result.waivers());
    long failing = gate.failing();
    out.printf("%nResult: %d %sfinding(s) at or above %s%n", failing, onlyNew ? "new " : "", threshold.label());
    out.flush();
  }

  /** ", 2 newly waived, 1 waiver expired", only for what happened. */
  private static String waiverChanges(RunComparison comparison) {
    long newlyWaived = comparison.countWaiverChange(RunComparison.FindingHistory.NEWLY_WAIVED);
    long expired = comparison.countWaiverChange(RunComparison.FindingHistory.WAIVER_EXPIRED);
    return (newlyWaived > 0 ? ", " + newlyWaived + " newly waived" : "")
        + (expired > 0 ? ", " + expired + " waiver" + (expired == 1 ? "" : "s") + " expired" : "");
  }
}
