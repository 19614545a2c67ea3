package io.acrauditor.findings;

import java.util.List;
import java.util.Map;

/**
 * This run against the previous successful run over the same scope.
 *
 * @param previousRunId null when there is no earlier run: then every finding is new
 * @param findings the history of every current finding, by fingerprint
 * @param resolved findings of the previous run that this run no longer raises, on subjects it did see
 * @param notReassessed findings of the previous run on subscriptions this run could not read:
 *     neither open nor resolved, because nobody looked
 * @param trend open findings by severity over the last runs of this scope, oldest first, this run last
 */
public record RunComparison(
    String previousRunId,
    String previousRunFinishedAt,
    Map<String, FindingHistory> findings,
    List<PastFinding> resolved,
    List<PastFinding> notReassessed,
    List<TrendPoint> trend) {

  /**
   * Whether this run raised the finding for the first time: the one meaning of "new" that the gate
   * ({@code --fail-on-new}), the command line's summary and the reports share. Without a previous
   * run everything is new, whatever the history says; a finding the history misses is new too, so
   * an unknown finding never passes as open and slips past a gate on new findings.
   */
  public boolean isNew(String fingerprint) {
    if (previousRunId == null) {
      return true;
    }
    FindingHistory history = history(fingerprint);
    return history == null || !FindingHistory.OPEN.equalsIgnoreCase(history.status());
  }

  /** The history of the finding with this fingerprint, whatever the case of its hex digits. */
  public FindingHistory history(String fingerprint) {
    Map<String, FindingHistory> known = findings == null ? Map.of() : findings;
    String key = fingerprint == null ? "" : fingerprint;
    FindingHistory history = known.get(key);
    return history != null ? history : known.get(key.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * {@code status} is {@code new} or {@code open}; {@code firstSeen} when it was first raised;
   * {@code waiverChange} {@link #NEWLY_WAIVED} (a waiver applies now and did not in the previous
   * run, or the finding is new and already waived), {@link #WAIVER_EXPIRED} (the previous run had
   * it waived and no waiver applies now: it counts again), else null.
   */
  public record FindingHistory(String status, String firstSeen, String waiverChange) {
    public static final String NEW = "new";
    public static final String OPEN = "open";
    public static final String NEWLY_WAIVED = "newly-waived";
    public static final String WAIVER_EXPIRED = "waiver-expired";

    public FindingHistory(String status, String firstSeen) {
      this(status, firstSeen, null);
    }
  }

  /** A finding of an earlier run, as that run recorded it; {@code waived} when a waiver applied to it then. */
  public record PastFinding(
      String fingerprint, String ruleId, String title, Severity severity, String subjectName, String resourceId,
      String firstSeen, boolean waived) {

    public PastFinding(
        String fingerprint, String ruleId, String title, Severity severity, String subjectName, String resourceId,
        String firstSeen) {
      this(fingerprint, ruleId, title, severity, subjectName, resourceId, firstSeen, false);
    }
  }

  /** Current findings whose {@link FindingHistory#waiverChange()} is {@code change}. */
  public long countWaiverChange(String change) {
    return findings.values().stream().filter(h -> change.equals(h.waiverChange())).count();
  }

  public record TrendPoint(String runId, String finishedAt, Map<String, Integer> bySeverity) {}
}
