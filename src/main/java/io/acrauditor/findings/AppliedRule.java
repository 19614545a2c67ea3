package io.acrauditor.findings;

import java.util.List;
import java.util.Map;

/**
 * A rule as the report's appendix lists it: what it checks, why, and the parameters used. {@code
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
    Remediation remediation) {

  /** A rule described without its remediation. */
  public AppliedRule(
      String id, String title, Severity severity, String subject, String rationale, List<Reference> references,
      Map<String, Object> parameters) {
    this(id, title, severity, subject, rationale, references, parameters, null);
  }
}
