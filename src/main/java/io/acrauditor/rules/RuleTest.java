package io.acrauditor.rules;

import io.acrauditor.findings.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * An inline self-test: a partial subject (already converted to CEL values), parameter overrides
 * typed like their defaults, the instant to evaluate at, and what must happen.
 */
public record RuleTest(
    String name,
    Map<String, Object> subject,
    Map<String, Object> params,
    Instant now,
    boolean expectFire,
    Severity severity,
    String messageContains) {}
