package io.acrauditor.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.RunComparison.FindingHistory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "New" means one thing for the gate ({@code --fail-on-new}), the command line's summary and the
 * reports: these are the cases where they used to disagree.
 */
class RunComparisonNewTest {
  private static RunComparison comparison(String previousRunId, Map<String, FindingHistory> history) {
    return new RunComparison(previousRunId, null, history, List.of(), List.of(), List.of());
  }

  @Test
  void onAFirstRunEveryFindingIsNewEvenWhenTheHistorySaysOpen() {
    RunComparison first = comparison(null, Map.of("abc", new FindingHistory("open", "2026-01-01T00:00:00Z")));

    assertThat(first.isNew("abc")).isTrue();
    assertThat(first.isNew("def")).isTrue();
  }

  @Test
  void afterAPreviousRunOnlyOpenHistoryIsNotNewWhateverTheCaseOfStatusOrFingerprint() {
    RunComparison later = comparison("run-1", Map.of(
        "abc", new FindingHistory("OPEN", "2026-01-01T00:00:00Z"),
        "def", new FindingHistory("new", null)));

    assertThat(later.isNew("ABC")).as("fingerprint in upper case").isFalse();
    assertThat(later.isNew("abc")).isFalse();
    assertThat(later.isNew("def")).isTrue();
    assertThat(later.isNew("missing")).as("not in the history").isTrue();
  }
}
