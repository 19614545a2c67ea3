package io.acrauditor.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScopeKeyTest {
  private static Snapshot snapshot(String tenant, List<String> subscriptions) {
    List<Coverage.AuditedSubscription> audited = subscriptions.stream()
        .map(s -> new Coverage.AuditedSubscription(s, null, null, null)).toList();
    return new Snapshot(1, "2026-11-23T02:00:00Z", tenant, null, null, null, null, null, null, null, null,
        new Coverage(audited, null, null, null));
  }

  @Test
  void theSameTenantAndSubscriptionsInAnyOrderAndCaseAreTheSameScope() {
    assertThat(ScopeKey.of(snapshot("T", List.of("a", "B"))))
        .isEqualTo(ScopeKey.of(snapshot("t", List.of("b", "A"))))
        .isNotEqualTo(ScopeKey.of(snapshot("t", List.of("a"))))
        .isNotEqualTo(ScopeKey.of(snapshot("u", List.of("a", "b"))));
  }

  @Test
  void aTenantWideScopeStillFitsTheColumn() {
    List<String> many = new ArrayList<>();
    IntStream.range(0, 5_000).forEach(i -> many.add(String.format("00000000-0000-0000-0000-%012d", i)));
    String key = ScopeKey.of(snapshot("11111111-1111-1111-1111-111111111111", many));
    assertThat(key).hasSizeLessThan(128).contains("subscriptions=5000:");
  }
}
