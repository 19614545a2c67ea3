package io.acrauditor.findings;

import io.acrauditor.inventory.index.SubjectRef;
import java.util.List;
import java.util.Map;

/**
 * One rule firing on one subject. {@code evidence} holds the values that made it fire, never a
 * secret; {@code fingerprint} is the same from run to run for the same rule and resource.
 */
public record Finding(
    String ruleId,
    String title,
    Severity severity,
    SubjectRef subject,
    String message,
    Map<String, Object> evidence,
    Remediation remediation,
    List<Reference> references,
    String fingerprint) {}
