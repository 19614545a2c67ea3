package io.acrauditor.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.RunComparison.PastFinding;
import io.acrauditor.inventory.index.SubjectRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineTest {
  private static final String SUB_A = "/subscriptions/aaaa";
  private static final String SUB_B = "/subscriptions/bbbb";

  private static Finding finding(String rule, String resourceId, Severity severity) {
    SubjectRef ref = new SubjectRef(resourceId, resourceId.substring(resourceId.lastIndexOf('/') + 1), "registry",
        null, null, null);
    return new Finding(rule, rule + " title", severity, ref, "m", Map.of(), null, List.of(),
        Fingerprint.of(rule, "registry", resourceId));
  }

  private static PastFinding past(Finding f, String firstSeen) {
    return new PastFinding(f.fingerprint(), f.ruleId(), f.title(), f.severity(), f.subject().name(),
        f.subject().resourceId(), firstSeen);
  }

  @Test
  void newOpenResolvedAndNotReassessed() {
    Finding open = finding("R1", SUB_A + "/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/one", Severity.HIGH);
    Finding fresh = finding("R2", SUB_A + "/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/two", Severity.LOW);
    Finding fixed = finding("R3", SUB_A + "/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/one", Severity.MEDIUM);
    // Subscription B could not be read this time: its finding is not resolved, only unseen.
    Finding unseen = finding("R1", SUB_B.toUpperCase() + "/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/three", Severity.HIGH);

    RunComparison c = Baseline.compare(
        "run-1", "2026-11-22T02:00:00Z",
        List.of(open, fresh),
        List.of(past(open, "2026-11-01T02:00:00Z"), past(fixed, "2026-11-20T02:00:00Z"), past(unseen, "2026-11-21T02:00:00Z")),
        List.of(SUB_B),
        "2026-11-23T02:00:00Z",
        List.of(),
        Baseline.point("run-2", "2026-11-23T02:05:00Z", List.of(open, fresh)), null);

    assertThat(c.findings().get(open.fingerprint())).isEqualTo(
        new RunComparison.FindingHistory("open", "2026-11-01T02:00:00Z"));
    assertThat(c.findings().get(fresh.fingerprint())).isEqualTo(
        new RunComparison.FindingHistory("new", "2026-11-23T02:00:00Z"));
    assertThat(c.resolved()).extracting(PastFinding::ruleId).containsExactly("R3");
    assertThat(c.notReassessed()).extracting(PastFinding::ruleId).containsExactly("R1");
    assertThat(c.trend()).singleElement().satisfies(p -> {
      assertThat(p.bySeverity()).containsEntry("high", 1).containsEntry("low", 1).containsEntry("critical", 0);
    });
  }

  @Test
  void aScopeIsNotAPrefixOfAnotherSubscriptionsId() {
    Finding other = finding("R1", "/subscriptions/bbbb2/resourceGroups/g/providers/x/y/z", Severity.HIGH);
    RunComparison c = Baseline.compare("run-1", "t", List.of(), List.of(past(other, "t0")), List.of(SUB_B), "t1",
        List.of(), Baseline.point("run-2", "t2", List.of()), null);
    assertThat(c.resolved()).hasSize(1);
    assertThat(c.notReassessed()).isEmpty();
  }

  @Test
  void withoutAPreviousRunEverythingIsNew() {
    Finding f = finding("R1", SUB_A + "/x", Severity.CRITICAL);
    RunComparison c = Baseline.compare(null, null, List.of(f), List.of(), List.of(), "t1", List.of(),
        Baseline.point("run-1", "t2", List.of(f)), null);
    assertThat(c.previousRunId()).isNull();
    assertThat(c.findings().get(f.fingerprint()).status()).isEqualTo("new");
    assertThat(c.resolved()).isEmpty();
  }

  @Test
  void aWaiverAppliedNowIsNewlyWaivedAndOneTheLastRunHadIsExpiredWhenNoneAppliesAnyMore() {
    java.time.LocalDate today = java.time.LocalDate.of(2026, 12, 4);
    Finding waivedNow = finding("R1", SUB_A + "/a", Severity.HIGH);
    Finding stillWaived = finding("R2", SUB_A + "/b", Severity.HIGH);
    Finding lostItsWaiver = finding("R3", SUB_A + "/c", Severity.HIGH);
    Finding freshAndWaived = finding("R4", SUB_A + "/d", Severity.HIGH);
    Waivers waivers = Waivers.of(List.of(
        new Waiver("R1", SUB_A + "/a", null, "why", "who", null, today, Waiver.Kind.ACCEPTED, "w.yaml", 2),
        new Waiver("R2", SUB_A + "/b", null, "why", "who", null, today.plusDays(9), Waiver.Kind.ACCEPTED, "w.yaml", 8),
        new Waiver("R3", SUB_A + "/c", null, "why", "who", null, today.minusDays(1), Waiver.Kind.MITIGATED, "w.yaml", 14),
        new Waiver("R4", SUB_A + "/d", null, "why", "who", null, today, Waiver.Kind.ACCEPTED, "w.yaml", 20)), today);
    List<Finding> now = List.of(waivedNow, stillWaived, lostItsWaiver, freshAndWaived);
    List<PastFinding> before = List.of(
        withWaived(past(waivedNow, "t0"), false), withWaived(past(stillWaived, "t0"), true),
        withWaived(past(lostItsWaiver, "t0"), true));

    RunComparison c = Baseline.compare("run-1", "t", now, before, List.of(), "t1", List.of(),
        Baseline.point("run-2", "t2", now), waivers);

    assertThat(c.findings().get(waivedNow.fingerprint()).waiverChange()).isEqualTo("newly-waived");
    assertThat(c.findings().get(stillWaived.fingerprint()).waiverChange()).isNull();
    assertThat(c.findings().get(lostItsWaiver.fingerprint()).waiverChange()).isEqualTo("waiver-expired");
    assertThat(c.findings().get(freshAndWaived.fingerprint())).isEqualTo(
        new RunComparison.FindingHistory("new", "t1", "newly-waived"));
    assertThat(c.countWaiverChange(RunComparison.FindingHistory.NEWLY_WAIVED)).isEqualTo(2);
    assertThat(c.countWaiverChange(RunComparison.FindingHistory.WAIVER_EXPIRED)).isEqualTo(1);
    // Waived or not, a finding still raised is never resolved.
    assertThat(c.resolved()).isEmpty();
  }

  private static PastFinding withWaived(PastFinding p, boolean waived) {
    return new PastFinding(p.fingerprint(), p.ruleId(), p.title(), p.severity(), p.subjectName(), p.resourceId(),
        p.firstSeen(), waived);
  }
}
