package io.acrauditor.report;

import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Waiver;
import io.acrauditor.findings.Waivers;

/**
 * The waiver of a finding as the reports show it: {@code applies} (an accepted risk, out of the
 * gate) or {@code expired} (it used to; the finding counts again since the day after {@code
 * expires}). Public because templates reach it.
 */
public record WaiverNote(
    String state, String kind, String reason, String approvedBy, String ticket, String expires, String source) {

  public static final String APPLIES = "applies";
  public static final String EXPIRED = "expired";

  /** The note for {@code finding}, or null when no waiver names it (or none were given). */
  static WaiverNote of(Waivers waivers, Finding finding) {
    if (waivers == null) {
      return null;
    }
    Waiver applying = waivers.applying(finding).orElse(null);
    if (applying != null) {
      return of(applying, APPLIES);
    }
    return waivers.expiredFor(finding).map(w -> of(w, EXPIRED)).orElse(null);
  }

  private static WaiverNote of(Waiver w, String state) {
    return new WaiverNote(state, w.kind().label(), w.reason(), w.approvedBy(), w.ticket(), w.expires().toString(), w.where());
  }

  public boolean applies() {
    return APPLIES.equals(state);
  }
}
