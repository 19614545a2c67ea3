package io.acrauditor.rules;

import io.acrauditor.findings.Reference;
import io.acrauditor.findings.Remediation;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.index.SubjectKind;
import java.util.List;
import java.util.Map;

/**
 * A rule file that passed structural validation: typed, with required keys present. Its CEL has
 * not been compiled yet. {@code source} keeps the file for messages and the catalogue digest.
 * {@code evidenceLabels} are the human labels of evidence entries that have one; {@code
 * commandNotes} say, per remediation command (null where there is nothing to say), what running it disrupts.
 */
public record RuleDefinition(
    String id,
    String name,
    String title,
    Severity severity,
    SubjectKind subject,
    Map<String, Parameter> parameters,
    String condition,
    List<SeverityOverride> severityOverrides,
    String message,
    Map<String, String> evidence,
    String rationale,
    Remediation remediation,
    List<Reference> references,
    List<RuleTest> tests,
    String file,
    byte[] fileBytes,
    boolean builtIn,
    Map<String, String> evidenceLabels,
    List<String> commandNotes) {}
