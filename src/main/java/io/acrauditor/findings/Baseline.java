package io.acrauditor.findings;

import io.acrauditor.findings.RunComparison.FindingHistory;
import io.acrauditor.findings.RunComparison.PastFinding;
import io.acrauditor.findings.RunComparison.TrendPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares this run's findings with the previous run's, by fingerprint. A previous finding this
 * run does not raise is resolved only if this run could see its resource: a subscription that
 * could not be read this time says nothing about what is still wrong in it.
 */
public final class Baseline {
  private Baseline() {}

  /**
   * @param previousRunId null when there is no previous run of this scope
   * @param previous the previous run's findings (empty when there is none)
   * @param blindScopes resource-id prefixes this run could not read (coverage gap scopes)
   * @param now when this run started: the first-seen time of new findings
   * @param trend earlier runs of this scope, oldest first; this run is appended
   * @param waivers this run's (null for none): which findings are newly waived, or lost their waiver
   */
  public static RunComparison compare(
      String previousRunId,
      String previousRunFinishedAt,
      List<Finding> current,
      Collection<PastFinding> previous,
      Collection<String> blindScopes,
      String now,
      List<TrendPoint> trend,
      TrendPoint thisRun,
      Waivers waivers) {
    Map<String, PastFinding> before = new HashMap<>();
    previous.forEach(p -> before.put(p.fingerprint(), p));
    Map<String, FindingHistory> history = new LinkedHashMap<>();
    for (Finding f : current) {
      PastFinding earlier = before.get(f.fingerprint());
      boolean waivedNow = waivers != null && waivers.applying(f).isPresent();
      boolean waivedBefore = earlier != null && earlier.waived();
      String waiverChange = waivedNow && !waivedBefore ? FindingHistory.NEWLY_WAIVED
          : !waivedNow && waivedBefore ? FindingHistory.WAIVER_EXPIRED
          : null;
      history.put(f.fingerprint(), earlier == null
          ? new FindingHistory(FindingHistory.NEW, now, waiverChange)
          : new FindingHistory(FindingHistory.OPEN, earlier.firstSeen(), waiverChange));
    }
    Set<String> stillRaised = current.stream().map(Finding::fingerprint).collect(Collectors.toSet());
    List<PastFinding> resolved = new ArrayList<>();
    List<PastFinding> notReassessed = new ArrayList<>();
    for (PastFinding p : previous) {
      if (stillRaised.contains(p.fingerprint())) {
        continue;
      }
      (hidden(p.resourceId(), blindScopes) ? notReassessed : resolved).add(p);
    }
    List<TrendPoint> points = new ArrayList<>(trend);
    points.add(thisRun);
    return new RunComparison(previousRunId, previousRunFinishedAt, history, resolved, notReassessed, points);
  }

  /** The trend point of a set of findings. */
  public static TrendPoint point(String runId, String finishedAt, List<Finding> findings) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      counts.put(s.label(), 0);
    }
    findings.forEach(f -> counts.merge(f.severity().label(), 1, Integer::sum));
    return new TrendPoint(runId, finishedAt, counts);
  }

  private static boolean hidden(String resourceId, Collection<String> blindScopes) {
    if (resourceId == null) {
      return false;
    }
    String id = resourceId.toLowerCase(Locale.ROOT);
    for (String scope : blindScopes) {
      String s = scope.toLowerCase(Locale.ROOT);
      if (s.startsWith("/") && (id.equals(s) || id.startsWith(s + "/"))) {
        return true;
      }
    }
    return false;
  }
}
