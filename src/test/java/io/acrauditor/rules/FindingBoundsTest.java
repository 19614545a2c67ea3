package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.findings.Remediation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One oversized value must not be copied whole into every part of a finding: the message, the
 * evidence and the commands each stay bounded, and say where they were cut.
 */
class FindingBoundsTest {
  private static final CompiledRule ADMIN_USER = Fixtures.loader().load().rules().stream()
      .filter(rule -> rule.id().equals("TST-REG-001")).findFirst().orElseThrow();

  @Test
  @SuppressWarnings("unchecked")
  void aHugeNameAndAHugeListMakeABoundedFindingWithVisibleMarkers() {
    String name = "n".repeat(32_768);
    List<Object> ips = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      ips.add("10.0." + (i / 250) + "." + (i % 250));
    }
    Map<String, Object> subject = Map.of("name", name, "adminUserEnabled", true,
        "adminActivity", Map.of("distinctCallerIps", 5000L, "callerIpAddresses", ips));

    RuleEvaluation.Verdict verdict = RuleEvaluation.evaluate(ADMIN_USER, Optional.of(subject),
        ADMIN_USER.celParameters(), EvaluationTime.of(Instant.parse("2026-01-01T00:00:00Z")));

    assertThat(verdict.fired()).isTrue();
    String marker = "… [truncated: ";
    assertThat(verdict.message()).startsWith("Admin user is enabled on nnnn")
        .endsWith(marker + ("Admin user is enabled on ".length() + name.length() + " (used from 5000 IPs)".length())
            + " characters in all]")
        .hasSize(FindingBounds.MAX_TEXT + (marker + "32813 characters in all]").length());
    Remediation remediation = verdict.remediation();
    assertThat(remediation.text()).contains(marker).hasSizeLessThan(FindingBounds.MAX_TEXT + 60);
    assertThat(remediation.commands().get(0)).startsWith("az acr update --name nnnn").contains(marker)
        .hasSizeLessThan(FindingBounds.MAX_TEXT + 60);
    assertThat((List<Object>) verdict.evidence().get("callerIps")).hasSize(FindingBounds.MAX_ITEMS + 1)
        .startsWith("10.0.0.0", "10.0.0.1")
        .endsWith("… [truncated: 5000 items in all]");
  }

  @Test
  void ordinaryValuesAreKeptWhole() {
    assertThat(FindingBounds.text("x".repeat(FindingBounds.MAX_TEXT))).hasSize(FindingBounds.MAX_TEXT);
    assertThat(FindingBounds.evidence(List.of("a", 1L, Map.of("k", "v")))).isEqualTo(List.of("a", 1L, Map.of("k", "v")));
  }

  @Test
  void aCutNeverSplitsACharacter() {
    String emoji = "\uD83D\uDE00";
    String text = "x".repeat(FindingBounds.MAX_TEXT - 1) + emoji + "tail";
    String cut = FindingBounds.text(text);
    assertThat(cut).startsWith("x".repeat(FindingBounds.MAX_TEXT - 1) + "…");
  }
}
