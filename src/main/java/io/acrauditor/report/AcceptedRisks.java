package io.acrauditor.report;

import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Waiver;
import io.acrauditor.findings.Waivers;
import java.util.List;

/**
 * The "Accepted risks" section: findings a waiver takes out of the gate today, findings whose
 * waiver has expired (they count again), waivers that end within {@link
 * Waivers#EXPIRING_WITHIN_DAYS} days, and waivers that matched nothing. Null in the model when the
 * run was given no waivers. Public because templates reach it.
 */
public record AcceptedRisks(
    List<WaivedRow> waived, List<WaivedRow> expired, List<WaiverRow> expiring, List<WaiverRow> stale, int expiringWithinDays) {

  /** A finding and the waiver that names it; {@code href} the anchor of its row among the findings. */
  public record WaivedRow(String href, String severity, String ruleId, String title, String subject, String resourceId,
      WaiverNote waiver) {}

  /** A waiver as written: {@code subject} is the resource id or glob, else the fingerprint. */
  public record WaiverRow(String rule, String subject, String reason, String approvedBy, String ticket, String kind,
      String expires, String source) {}

  static AcceptedRisks of(Waivers waivers, List<Finding> raised, List<ReportedFinding> findings, SubjectNames names) {
    if (waivers == null || waivers.all().isEmpty()) {
      return null;
    }
    return new AcceptedRisks(
        rows(findings, WaiverNote.APPLIES, names),
        rows(findings, WaiverNote.EXPIRED, names),
        waivers.expiring().stream().map(AcceptedRisks::row).toList(),
        waivers.stale(raised).stream().map(AcceptedRisks::row).toList(),
        Waivers.EXPIRING_WITHIN_DAYS);
  }

  private static List<WaivedRow> rows(List<ReportedFinding> findings, String state, SubjectNames names) {
    return findings.stream()
        .filter(f -> f.waiver() != null && state.equals(f.waiver().state()))
        .map(f -> new WaivedRow("#finding-" + f.fingerprint(), f.severity().label(), f.ruleId(), f.title(), names.name(f),
            f.subject() == null ? null : f.subject().resourceId(), f.waiver()))
        .toList();
  }

  private static WaiverRow row(Waiver w) {
    return new WaiverRow(w.rule(), w.subject() != null ? w.subject() : "fingerprint " + w.fingerprint(), w.reason(),
        w.approvedBy(), w.ticket(), w.kind().label(), w.expires().toString(), w.where());
  }
}
