package io.acrauditor.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.inventory.index.SubjectRef;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaivedChecksTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
  private static final String A = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/a";
  private static final String B = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/b";

  private static Finding finding(String rule, String resourceId, String fingerprint) {
    return new Finding(rule, "t", Severity.HIGH, new SubjectRef(resourceId, "n", "registry", "s", "rg", "t"), "m",
        Map.of(), null, List.of(), fingerprint);
  }

  private static Waiver waiver(String rule, String subject, String fingerprint, LocalDate expires) {
    return new Waiver(rule, subject, fingerprint, "why", "who", null, expires, Waiver.Kind.ACCEPTED, "w.yaml", 2);
  }

  @Test
  void aFailedCheckMovesToWaivedOnlyWhenEveryFindingOnItsSubjectIsWaived() {
    List<RuleChecks> counted = List.of(new RuleChecks("R1", 5, 2, 2, 1, 0), new RuleChecks("R2", 5, 4, 1, 0, 0));
    List<Finding> findings = List.of(
        finding("R1", A, "f1"), finding("R1", B, "f2"), finding("R1", B, "f3"), finding("R2", A, "f4"));
    Waivers waivers = Waivers.of(List.of(
        waiver("R1", A, null, TODAY.plusDays(10)),
        // only one of the two findings of R1 on b: that check still failed
        waiver("R1", null, "f2", TODAY.plusDays(10)),
        // expired yesterday: R2 on a counts as failed again
        waiver("R2", A, null, TODAY.minusDays(1))), TODAY);

    List<RuleChecks> after = WaivedChecks.apply(counted, findings, waivers);

    assertThat(after).containsExactly(new RuleChecks("R1", 5, 2, 1, 1, 1), new RuleChecks("R2", 5, 4, 1, 0, 0));
    for (RuleChecks c : after) {
      assertThat(c.passed() + c.failed() + c.notAssessed() + c.waived()).isEqualTo(c.evaluated());
    }
  }

  @Test
  void withoutWaiversTheCountsAreThoseOfTheEvaluation() {
    List<RuleChecks> counted = List.of(new RuleChecks("R1", 3, 2, 1, 0, 0));
    assertThat(WaivedChecks.apply(counted, List.of(finding("R1", A, "f1")), Waivers.none(TODAY))).isEqualTo(counted);
    assertThat(WaivedChecks.apply(counted, List.of(finding("R1", A, "f1")), null)).isEqualTo(counted);
  }
}
