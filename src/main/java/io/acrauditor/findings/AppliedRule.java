package io.acrauditor.findings;

import java.util.List;
import java.util.Map;

/** A rule as the report's appendix lists it: what it checks, why, and the parameters used. */
public record AppliedRule(
    String id,
    String title,
    Severity severity,
    String subject,
    String rationale,
    List<Reference> references,
    Map<String, Object> parameters) {}
