package io.acrauditor.findings;

import java.util.List;

/**
 * Whether the run passes its gate: the one decision behind both the exit code and the verdict the
 * reports print first, so the two cannot disagree. {@code onlyNew} is {@code --fail-on-new}: then
 * only findings that the previous run of the same scope did not raise count. Findings under a waiver
 * that applies on the run's day never count.
 *
 * @param failing how many findings count against the gate
 * @param failed true when {@code failing} is above zero: the command exits 1
 */
public record GateDecision(Severity threshold, boolean onlyNew, int failing, boolean failed) {

  public static GateDecision decide(
      List<Finding> findings, RunComparison comparison, Severity threshold, boolean onlyNew, Waivers waivers) {
    List<Finding> gating = onlyNew ? newFindings(findings, comparison) : findings;
    // An accepted risk whose waiver applies today does not count; one whose waiver expired does again.
    int failing = (int) gating.stream()
        .filter(f -> f.severity().atLeast(threshold))
        .filter(f -> waivers == null || waivers.applying(f).isEmpty())
        .count();
    return new GateDecision(threshold, onlyNew, failing, failing > 0);
  }

  /** Findings the previous run did not raise: all of them when the run was not compared. */
  public static List<Finding> newFindings(List<Finding> findings, RunComparison comparison) {
    if (comparison == null) {
      return findings;
    }
    return findings.stream().filter(f -> comparison.isNew(f.fingerprint())).toList();
  }

  /** The verdict in words, as the report's first line says it. */
  public String sentence() {
    return (failed ? "Fail: " : "Pass: ") + reason();
  }

  /** Why: how many findings count against which threshold, and the gate's options. */
  public String reason() {
    String gate = "(gate: --fail-on " + threshold.label() + (onlyNew ? " --fail-on-new" : "") + ")";
    String what = onlyNew ? "new finding" : "finding";
    return failed
        ? failing + " " + what + (failing == 1 ? "" : "s") + " at or above " + threshold.label() + " " + gate + "."
        : "no " + what + " at or above " + threshold.label() + " " + gate + ".";
  }
}
