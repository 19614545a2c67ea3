package io.acrauditor.rules;

import java.util.List;
import java.util.Optional;

/** Every inline test of a catalogue, in rule id order then file order. */
public record SelfTestReport(List<SelfTestResult> results) {
  public SelfTestReport {
    results = List.copyOf(results);
  }

  public int passed() {
    return (int) results.stream().filter(SelfTestResult::passed).count();
  }

  public int failed() {
    return results.size() - passed();
  }

  public boolean allPassed() {
    return failed() == 0;
  }

  public Optional<SelfTestResult> firstFailure() {
    return results.stream().filter(r -> !r.passed()).findFirst();
  }
}
