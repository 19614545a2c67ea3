package io.acrauditor.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrauditor.inventory.index.SubjectRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaiverFilesTest {
  static final LocalDate TODAY = LocalDate.parse("2026-12-04");
  static final String SUB = "1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809";
  static final String ACR = "/subscriptions/" + SUB + "/resourceGroups/rg-saas/providers/Microsoft.ContainerRegistry/registries/contososaasacr";

  @TempDir Path tmp;

  private Path file(String yaml) throws IOException {
    return Files.writeString(tmp.resolve("waivers.yaml"), yaml);
  }

  private Waivers load(String yaml) throws IOException {
    return WaiverFiles.load(List.of(file(yaml)), TODAY, WaiverFiles.DEFAULT_MAX_DAYS);
  }

  /** One list item of a waiver file; reason and approver filled in. */
  static String entry(String rule, String subjectOrFingerprint, String reason, String expires) {
    String key = subjectOrFingerprint.matches("[0-9a-fA-F]{32}") ? "fingerprint" : "subject";
    return "  - rule: \"" + rule + "\"\n    " + key + ": \"" + subjectOrFingerprint + "\"\n    reason: " + reason
        + "\n    approvedBy: me\n    expires: " + expires + "\n";
  }

  static Finding finding(String ruleId, String resourceId) {
    return new Finding(ruleId, "t", Severity.HIGH, new SubjectRef(resourceId, "n", "registry", SUB, "rg-saas", "t"),
        "m", Map.of(), null, List.of(), Fingerprint.of(ruleId, "registry", resourceId));
  }

  @Nested
  class Reading {
    @Test
    void aWellFormedFileGivesItsWaiversWithWhereTheyAre() throws IOException {
      Waivers waivers = load("""
          # accepted risks, reviewed monthly
          waivers:
            - rule: ACR-REG-003
              subject: %s
              reason: Partner pulls over the internet until the private link is live
              approvedBy: jane.doe@contoso.com
              ticket: SEC-1234
              expires: 2027-03-31
            - rule: "*"
              subject: "%s/tokens/*"
              reason: Legacy tokens, mitigated by IP rules
              approvedBy: sec-team
              expires: 2026-12-10
              kind: mitigated
          """.formatted(ACR, ACR));
      assertThat(waivers.all()).extracting(Waiver::rule, Waiver::ticket, Waiver::expires, Waiver::kind, Waiver::line)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("ACR-REG-003", "SEC-1234", LocalDate.parse("2027-03-31"), Waiver.Kind.ACCEPTED, 3),
              org.assertj.core.groups.Tuple.tuple("*", null, LocalDate.parse("2026-12-10"), Waiver.Kind.MITIGATED, 9));
      assertThat(waivers.all().get(0).where()).endsWith("waivers.yaml:3");
    }

    @Test
    void aMissingRequiredFieldNamesFileLineAndField() throws IOException {
      Path file = file("""
          waivers:
            - rule: ACR-REG-003
              subject: /subscriptions/x
              reason: ok
              approvedBy: me
              expires: 2027-01-01
            - rule: ACR-REG-001
              subject: /subscriptions/y
              approvedBy: me
              expires: 2027-01-01
          """);
      assertThatThrownBy(() -> WaiverFiles.load(List.of(file), TODAY, 365))
          .isInstanceOf(WaiverFileException.class)
          .hasMessageStartingWith(file + ":7: waivers[1]: ")
          .hasMessageContaining("reason");
    }

    @Test
    void aBadValueNamesItsOwnLine() throws IOException {
      Path file = file("""
          waivers:
            - rule: ACR-REG-003
              subject: /subscriptions/x
              reason: ok
              approvedBy: me
              expires: next spring
          """);
      assertThatThrownBy(() -> WaiverFiles.load(List.of(file), TODAY, 365))
          .hasMessageStartingWith(file + ":6: waivers[0].expires: ");
    }

    @Test
    void anUnknownKeyIsRefused() throws IOException {
      Path file = file("""
          waivers:
            - rule: ACR-REG-003
              subjet: /subscriptions/x
              reason: ok
              approvedBy: me
              expires: 2027-01-01
          """);
      assertThatThrownBy(() -> WaiverFiles.load(List.of(file), TODAY, 365))
          .hasMessageStartingWith(file + ":2: waivers[0]: ").hasMessageContaining("subjet");
    }

    @Test
    void brokenYamlNamesTheLine() throws IOException {
      Path file = file("waivers:\n  - rule: [unclosed\n    reason: x\n");
      assertThatThrownBy(() -> WaiverFiles.load(List.of(file), TODAY, 365))
          .hasMessageStartingWith(file + ":").hasMessageContaining("not valid YAML")
          .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void anEmptyOrMissingFileIsNamed() throws IOException {
      Path empty = Files.writeString(tmp.resolve("empty.yaml"), "");
      assertThatThrownBy(() -> WaiverFiles.load(List.of(empty), TODAY, 365)).hasMessage(empty + ": the file is empty;"
          + " expected a top-level 'waivers:' list");
      Path missing = tmp.resolve("nope.yaml");
      assertThatThrownBy(() -> WaiverFiles.load(List.of(missing), TODAY, 365)).hasMessage(missing + ": no such file");
    }

    @Test
    void aWaiverMustNameASubjectOrAFingerprintAndStarNeedsASubject() throws IOException {
      Path neither = file("waivers:\n  - rule: ACR-REG-003\n    reason: r\n    approvedBy: me\n    expires: 2027-01-01\n");
      assertThatThrownBy(() -> WaiverFiles.load(List.of(neither), TODAY, 365))
          .hasMessageStartingWith(neither + ":2: waivers[0]: names neither a subject nor a fingerprint");
      Path star = file("waivers:\n  - rule: '*'\n    fingerprint: 0123456789abcdef0123456789abcdef\n"
          + "    reason: r\n    approvedBy: me\n    expires: 2027-01-01\n");
      assertThatThrownBy(() -> WaiverFiles.load(List.of(star), TODAY, 365))
          .hasMessageStartingWith(star + ":2: waivers[0].rule: '*' needs a subject");
    }

    @Test
    void anExpiryBeyondTheMaximumAgeIsRefusedUnlessAllowed() throws IOException {
      Path file = file("waivers:\n  - rule: ACR-REG-003\n    subject: /subscriptions/x\n    reason: r\n"
          + "    approvedBy: me\n    expires: 2028-01-01\n");
      assertThatThrownBy(() -> WaiverFiles.load(List.of(file), TODAY, 365))
          .hasMessage(file + ":6: waivers[0].expires: 2028-01-01 is more than 365 days after today (2026-12-04);"
              + " expire it by 2027-12-04 or raise --max-waiver-days");
      assertThat(WaiverFiles.load(List.of(file), TODAY, 400).all()).hasSize(1);
      // The last allowed day is allowed.
      Path edge = file("waivers:\n  - rule: ACR-REG-003\n    subject: /subscriptions/x\n    reason: r\n"
          + "    approvedBy: me\n    expires: 2027-12-04\n");
      assertThat(WaiverFiles.load(List.of(edge), TODAY, 365).all()).hasSize(1);
    }
  }

  @Nested
  class Matching {
    @Test
    void ruleAndSubjectMatchCaseInsensitivelyAndGlobsSpanSlashes() throws IOException {
      Waivers waivers = load("waivers:\n"
          + entry("acr-reg-003", ACR.toUpperCase(java.util.Locale.ROOT), "r", "2027-01-01")
          + entry("*", ACR + "/TOKENS/*", "r", "2027-01-01"));
      assertThat(waivers.applying(finding("ACR-REG-003", ACR))).isPresent();
      assertThat(waivers.applying(finding("ACR-REG-003", ACR + "/"))).as("trailing slash").isPresent();
      assertThat(waivers.applying(finding("ACR-REG-001", ACR))).as("other rule").isEmpty();
      assertThat(waivers.applying(finding("ACR-REG-003", ACR + "2"))).as("glob-free subject is exact").isEmpty();
      assertThat(waivers.applying(finding("ACR-TOK-001", ACR + "/tokens/legacy"))).get().extracting(Waiver::line).isEqualTo(7);
      assertThat(waivers.applying(finding("ACR-TOK-001", ACR + "/tokens/a/b"))).isPresent();
      assertThat(waivers.applying(finding("ACR-TOK-001", ACR.replace("contososaasacr", "other") + "/tokens/x"))).isEmpty();
    }

    @Test
    void aFingerprintWaiverMatchesThatFindingOnly() throws IOException {
      Finding target = finding("ACR-REG-003", ACR);
      Waivers waivers = load("waivers:\n"
          + entry("ACR-REG-003", target.fingerprint().toUpperCase(java.util.Locale.ROOT), "r", "2027-01-01"));
      assertThat(waivers.applying(target)).isPresent();
      assertThat(waivers.applying(finding("ACR-REG-003", ACR + "x"))).isEmpty();
    }

    @Test
    void expiredWaiversStopApplyingTheDayAfterAndSayWhen() throws IOException {
      Waivers waivers = load("waivers:\n"
          + entry("ACR-REG-003", ACR, "r", "2026-12-03")
          + entry("ACR-REG-001", ACR, "r", "2026-12-04"));
      Finding expired = finding("ACR-REG-003", ACR);
      assertThat(waivers.applying(expired)).isEmpty();
      assertThat(waivers.expiredFor(expired)).get().extracting(Waiver::expires).isEqualTo(LocalDate.parse("2026-12-03"));
      Finding lastDay = finding("ACR-REG-001", ACR);
      assertThat(waivers.applying(lastDay)).as("the expiry date is the last day it applies").isPresent();
      assertThat(waivers.expiredFor(lastDay)).isEmpty();
    }

    @Test
    void staleAndExpiringWaiversAreListed() throws IOException {
      Waivers waivers = load("waivers:\n"
          + entry("ACR-REG-003", ACR, "used", "2026-12-18")
          + entry("ACR-REG-009", ACR, "matches nothing", "2027-06-01")
          + entry("ACR-REG-004", "/subscriptions/gone", "expired, so not stale", "2026-01-01"));
      assertThat(waivers.stale(List.of(finding("ACR-REG-003", ACR)))).extracting(Waiver::reason)
          .containsExactly("matches nothing");
      assertThat(waivers.expiring()).extracting(Waiver::reason).containsExactly("used");
    }
  }
}
