package io.acrauditor.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Reference;
import io.acrauditor.findings.Remediation;
import io.acrauditor.findings.RunComparison.FindingHistory;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.index.SubjectRef;
import java.util.List;
import java.util.Map;

/**
 * A {@link Finding} as the reports show it: the same fields in the same order, then where it
 * stands against the previous run. {@code status} ({@code new} or {@code open}) and {@code
 * firstSeen} are null when the run was not compared with any; {@code waiver} when no waiver names it.
 * Public because templates reach it.
 */
public record ReportedFinding(
    String ruleId,
    String title,
    Severity severity,
    SubjectRef subject,
    String message,
    Map<String, Object> evidence,
    Remediation remediation,
    List<Reference> references,
    String fingerprint,
    String status,
    String firstSeen,
    WaiverNote waiver) {

  boolean isNew() {
    return FindingHistory.NEW.equals(status);
  }

  /** An accepted risk today: out of the gate, listed with its waiver. Derived, so not written. */
  @JsonIgnore
  public boolean isWaived() {
    return waiver != null && waiver.applies();
  }
}
