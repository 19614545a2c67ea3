package io.acrauditor.rules;

import io.acrauditor.findings.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the inline tests of every rule through the same evaluation path as an audit. Tests use the
 * rule's declared defaults (plus the test's own {@code params}), never the run's overrides, so a
 * rule's tests mean the same thing on every machine.
 */
public final class SelfTests {
  private SelfTests() {}

  public static SelfTestReport run(RuleCatalog catalog) {
    List<SelfTestResult> results = new ArrayList<>();
    for (CompiledRule rule : catalog.rules()) {
      for (RuleTest test : rule.definition().tests()) {
        String failure = failure(rule, test);
        results.add(new SelfTestResult(rule.id(), rule.definition().file(), test.name(), failure == null,
            failure == null ? "" : failure));
      }
      results.addAll(AbsentCases.check(rule));
    }
    return new SelfTestReport(results);
  }

  /**
   * Why the test failed, or null when it passed. A placeholder that cannot render on a partial
   * test subject does not fail the test (an audit would still report the finding); {@code
   * messageContains} is the way to assert on the text.
   */
  static String failure(CompiledRule rule, RuleTest test) {
    Map<String, Object> params = new LinkedHashMap<>();
    rule.definition().parameters().forEach((name, p) -> params.put(name, p.defaultValue()));
    params.putAll(test.params());
    List<String> notRead = EffectiveSubject.notReadOf(test.subject());
    boolean notAssessed = rule.readsAnyOf(notRead);
    String expected = test.expected();
    if (notAssessed || test.expectNotAssessed()) {
      return notAssessed == test.expectNotAssessed() ? null
          : "expected " + expected + ", got " + (notAssessed ? "not-assessed" : "assessed");
    }
    Map<String, Object> subject = EffectiveSubject.of(rule.subject(), test.subject(), notRead);
    RuleEvaluation.Verdict verdict = RuleEvaluation.evaluate(
        rule, Optional.of(subject), Optional.of(java.util.Collections.unmodifiableMap(params)), EvaluationTime.of(test.now()));
    if (verdict.conditionError() != null) {
      return "expected " + expected + ", got an evaluation error: " + verdict.conditionError();
    }
    if (verdict.fired() != test.expectFire()) {
      return "expected " + expected + ", got " + (verdict.fired() ? "fire" : "pass");
    }
    if (!verdict.fired()) {
      return null;
    }
    Severity severity = test.severity();
    if (severity != null && severity != verdict.severity()) {
      return "expected severity " + severity.label() + ", got " + verdict.severity().label();
    }
    if (test.messageContains() != null && !verdict.message().contains(test.messageContains())) {
      return "expected the message to contain '" + test.messageContains() + "', got '" + verdict.message() + "'";
    }
    return null;
  }
}
