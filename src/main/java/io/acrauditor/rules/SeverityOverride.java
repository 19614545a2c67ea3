package io.acrauditor.rules;

import io.acrauditor.findings.Severity;

/** A CEL condition under which a firing rule takes another severity. */
public record SeverityOverride(String when, Severity severity) {}
