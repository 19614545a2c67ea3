package io.acrauditor.findings;

import io.acrauditor.inventory.index.SubjectRef;

/** A rule that could not be evaluated on one subject: neither a pass nor a finding. */
public record EvaluationError(String ruleId, SubjectRef subject, String message) {}
