package io.acrauditor.report;

import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.RunComparison.PastFinding;
import io.acrauditor.findings.RunComparison.TrendPoint;
import io.acrauditor.findings.Severity;
import io.acrauditor.findings.Summary.RuleCount;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.index.AccessPath;
import io.acrauditor.inventory.index.SubjectRef;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The one ordering every report uses, so that two runs over the same snapshot produce
 * byte-identical files and a diff between runs shows only what changed. Azure names and ids are
 * case-insensitive, so they are compared folded.
 */
final class ReportOrder {
  private ReportOrder() {}

  // First: the comparators below are built from it as the class initialises.
  private static final Comparator<String> FOLDED =
      Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));

  static final Comparator<Severity> SEVERITY = Comparator.nullsLast(Comparator.naturalOrder());

  static final Comparator<SubjectRef> SUBJECT =
      Comparator.nullsLast(
          Comparator.comparing(SubjectRef::resourceId, folded())
              .thenComparing(SubjectRef::kind, folded()));

  static final Comparator<Finding> FINDING =
      Comparator.comparing(Finding::severity, SEVERITY)
          .thenComparing(Finding::ruleId, folded())
          .thenComparing(Finding::subject, SUBJECT)
          .thenComparing(Finding::fingerprint, folded());

  /** As {@link #FINDING}, so a resolved finding sits where it used to in the findings. */
  static final Comparator<PastFinding> PAST_FINDING =
      Comparator.comparing(PastFinding::severity, SEVERITY)
          .thenComparing(PastFinding::ruleId, folded())
          .thenComparing(PastFinding::resourceId, folded())
          .thenComparing(PastFinding::fingerprint, folded());

  /**
   * The trend is a time series: by when each run finished, whatever order the history was read
   * in. A point without a readable time (this run, before it has finished) goes last.
   */
  static final Comparator<TrendPoint> TREND_POINT =
      Comparator.comparing((TrendPoint p) -> instant(p.finishedAt()), Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(TrendPoint::runId, folded());

  static final Comparator<EvaluationError> EVALUATION_ERROR =
      Comparator.comparing(EvaluationError::ruleId, folded())
          .thenComparing(EvaluationError::subject, SUBJECT)
          .thenComparing(EvaluationError::message, folded());

  static final Comparator<AccessPath> ACCESS_PATH =
      Comparator.comparing(AccessPath::registryName, folded())
          .thenComparing(AccessPath::registryId, folded())
          .thenComparing(AccessPath::identity, folded())
          .thenComparing(AccessPath::identityId, folded())
          .thenComparing(AccessPath::path, folded())
          .thenComparing(AccessPath::role, folded())
          .thenComparing(AccessPath::scope, folded());

  static final Comparator<Coverage.Gap> GAP =
      Comparator.comparing(Coverage.Gap::scope, folded())
          .thenComparing(Coverage.Gap::kind, folded())
          .thenComparing(Coverage.Gap::operation, folded())
          .thenComparing(Coverage.Gap::reason, folded());

  static final Comparator<Coverage.AuditedSubscription> SUBSCRIPTION =
      Comparator.comparing(Coverage.AuditedSubscription::displayName, folded())
          .thenComparing(Coverage.AuditedSubscription::subscriptionId, folded());

  static final Comparator<AppliedRule> RULE = Comparator.comparing(AppliedRule::id, folded());

  /** The summary's "top rules": most severe first, then most frequent (as the CLI's summary). */
  static final Comparator<RuleCount> RULE_COUNT =
      Comparator.comparing(RuleCount::severity, SEVERITY)
          .thenComparing(Comparator.comparingInt(RuleCount::count).reversed())
          .thenComparing(RuleCount::ruleId, folded());

  static Comparator<String> folded() {
    // Character by character, not on lower-cased copies: a 1,000,000-subject report sorts
    // hundreds of thousands of access paths and findings, and a copy per comparison was most of it.
    return FOLDED;
  }


  /** An RFC 3339 time as an instant; null when absent or unreadable. */
  static Instant instant(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(timestamp.trim()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static <T> List<T> sorted(Collection<T> items, Comparator<? super T> order) {
    return items == null ? List.of() : items.stream().sorted(order).toList();
  }
}
