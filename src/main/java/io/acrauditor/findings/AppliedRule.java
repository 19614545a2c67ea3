package io.acrauditor.findings;

import java.util.List;
import java.util.Map;

/**
 * A rule as the report lists it: what it checks, why, and the parameters used; {@code
 * evidenceLabels} name its evidence entries for people, and {@code commandNotes} say, per
 * remediation command (null where nothing), what running that command disrupts. {@code
 * remediation} is the rule's own text and command templates (placeholders such as {@code
 * ${registry.name}} unfilled), for formats that describe a rule apart from its findings (SARIF);
 * null when not known.
 */
public record AppliedRule(
    String id,
    String title,
    Severity severity,
    String subject,
    String rationale,
    List<Reference> references,
    Map<String, Object> parameters,
    Map<String, String> evidenceLabels,
    List<String> commandNotes,
    Remediation remediation) {

  /** A rule without evidence labels, notes on its commands or remediation. */
  public AppliedRule(
      String id, String title, Severity severity, String subject, String rationale, List<Reference> references,
      Map<String, Object> parameters) {
    this(id, title, severity, subject, rationale, references, parameters, Map.of(), List.of(), null);
  }
}
