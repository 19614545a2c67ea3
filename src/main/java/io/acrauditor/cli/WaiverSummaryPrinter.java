package io.acrauditor.cli;

import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Waiver;
import io.acrauditor.findings.Waivers;
import java.io.PrintWriter;
import java.util.List;

/** The accepted risks of a run, after the summary: what was waived, what expired, what is stale. */
final class WaiverSummaryPrinter {
  private final PrintWriter out;

  WaiverSummaryPrinter(PrintWriter out) {
    this.out = out;
  }

  void print(List<Finding> findings, Waivers waivers) {
    long waived = findings.stream().filter(f -> waivers.applying(f).isPresent()).count();
    out.println("Accepted risks: " + waived + (waived == 1 ? " finding" : " findings")
        + " waived (not counted in the gate)");
    for (Finding f : findings) {
      waivers.expiredFor(f).ifPresent(w -> out.println("  waiver expired on " + w.expires() + " (" + w.where() + "): "
          + f.ruleId() + " on " + name(f) + " counts again"));
    }
    for (Waiver w : waivers.expiring()) {
      out.println("  waiver expiring on " + w.expires() + " (" + w.where() + "): " + w.rule() + " " + target(w));
    }
    for (Waiver w : waivers.stale(findings)) {
      out.println("  stale waiver, matches no finding (" + w.where() + "): " + w.rule() + " " + target(w));
    }
  }

  private static String name(Finding f) {
    return f.subject() == null || f.subject().name() == null ? f.fingerprint() : f.subject().name();
  }

  private static String target(Waiver w) {
    return w.subject() != null ? w.subject() : w.fingerprint();
  }
}
