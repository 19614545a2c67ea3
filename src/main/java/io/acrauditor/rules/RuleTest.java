package io.acrauditor.rules;

import io.acrauditor.findings.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * An inline self-test: a partial subject (already converted to CEL values), parameter overrides
 * typed like their defaults, the instant to evaluate at, and what must happen: fire, pass, or
 * ({@code expectNotAssessed}) not be assessed because the subject's {@code notRead} names a field
 * the condition reads.
 */
public record RuleTest(
    String name,
    Map<String, Object> subject,
    Map<String, Object> params,
    Instant now,
    boolean expectFire,
    Severity severity,
    String messageContains,
    boolean expectNotAssessed) {

  /** {@code fire}, {@code pass} or {@code not-assessed}, as written in the rule file. */
  public String expected() {
    return expectNotAssessed ? "not-assessed" : expectFire ? "fire" : "pass";
  }
}
