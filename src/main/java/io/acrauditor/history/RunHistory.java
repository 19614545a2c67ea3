package io.acrauditor.history;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.RunComparison;
import io.acrauditor.findings.RunComparison.PastFinding;
import io.acrauditor.findings.RunComparison.TrendPoint;
import io.acrauditor.findings.Severity;
import io.acrauditor.findings.Summary;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finished runs and the fingerprints of their findings, in the run-history database (an H2 file by
 * default, PostgreSQL when configured). The Spring Batch job repository lives in the same database.
 */
@Repository
public class RunHistory {
  /** How many runs the trend shows, this one included. */
  public static final int TREND_RUNS = 10;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final TransactionTemplate transactions;

  RunHistory(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.template = template;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** A finished run as the history recorded it. */
  public record PastRun(String runId, Instant finishedAt) {}

  /** The latest finished run of this scope, other than {@code runId}. */
  public Optional<PastRun> previous(String scopeKey, String runId) {
    return jdbc.sql("""
            SELECT run_id, finished_at FROM audit_run
            WHERE scope_key = ? AND run_id <> ?
            ORDER BY finished_at DESC, run_id DESC""")
        .params(scopeKey, runId)
        .query((rs, n) -> new PastRun(rs.getString(1), rs.getTimestamp(2).toInstant()))
        .list().stream().findFirst();
  }

  public List<PastFinding> findings(String runId) {
    return jdbc.sql("""
            SELECT fingerprint, rule_id, title, severity, subject_name, resource_id, first_seen, waived
            FROM audit_finding WHERE run_id = ? ORDER BY fingerprint""")
        .param(runId)
        .query((rs, n) -> new PastFinding(
            rs.getString(1), rs.getString(2), rs.getString(3), Severity.parse(rs.getString(4)),
            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant().toString(), rs.getBoolean(8)))
        .list();
  }

  /** The last runs of this scope other than {@code runId}, oldest first, at most {@code limit}. */
  public List<TrendPoint> trend(String scopeKey, String runId, int limit) {
    List<TrendPoint> newestFirst = jdbc.sql("""
            SELECT run_id, finished_at, critical_count, high_count, medium_count, low_count, info_count
            FROM audit_run WHERE scope_key = ? AND run_id <> ?
            ORDER BY finished_at DESC, run_id DESC""")
        .params(scopeKey, runId)
        .query((rs, n) -> {
          Map<String, Integer> counts = new LinkedHashMap<>();
          counts.put(Severity.CRITICAL.label(), rs.getInt(3));
          counts.put(Severity.HIGH.label(), rs.getInt(4));
          counts.put(Severity.MEDIUM.label(), rs.getInt(5));
          counts.put(Severity.LOW.label(), rs.getInt(6));
          counts.put(Severity.INFO.label(), rs.getInt(7));
          return new TrendPoint(rs.getString(1), rs.getTimestamp(2).toInstant().toString(), counts);
        })
        .list();
    List<TrendPoint> points = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    Collections.reverse(points);
    return points;
  }

  /** Records a finished run and its findings, in one transaction. Recording a run twice replaces it. */
  public void record(AuditResult result, String scopeKey, String inputKind, String runFolder) {
    record(result, scopeKey, inputKind, runFolder, () -> {});
  }

  /**
   * Records a finished run, then runs {@code publish} (moving the reports into place) before the
   * transaction commits: a run the history cannot take leaves no report, and reports that cannot
   * be written leave no history row that the next run would take as its baseline.
   */
  public void record(AuditResult result, String scopeKey, String inputKind, String runFolder, Runnable publish) {
    transactions.executeWithoutResult(status -> {
      insert(result, scopeKey, inputKind, runFolder);
      publish.run();
    });
  }

  private void insert(AuditResult result, String scopeKey, String inputKind, String runFolder) {
    RunComparison comparison = result.comparison();
    Summary summary = result.summary();
    String runId = result.run().runId();
    {
      jdbc.sql("DELETE FROM audit_run WHERE run_id = ?").param(runId).update();
      jdbc.sql("""
              INSERT INTO audit_run (run_id, scope_key, input_kind, run_folder, started_at, finished_at,
                snapshot_sha256, rule_catalog_digest, findings,
                critical_count, high_count, medium_count, low_count, info_count)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(runId, Columns.fit(scopeKey, Columns.SCOPE_KEY), inputKind, Columns.fit(runFolder, Columns.RUN_FOLDER),
              timestamp(result.run().startedAt()), timestamp(result.run().finishedAt()),
              result.run().snapshotSha256(), result.run().ruleCatalogDigest(), summary.findings(),
              count(summary, Severity.CRITICAL), count(summary, Severity.HIGH), count(summary, Severity.MEDIUM),
              count(summary, Severity.LOW), count(summary, Severity.INFO))
          .update();
      List<Object[]> rows = new ArrayList<>();
      for (Finding f : result.findings()) {
        String firstSeen = comparison != null && comparison.findings().containsKey(f.fingerprint())
            ? comparison.findings().get(f.fingerprint()).firstSeen()
            : result.run().startedAt();
        rows.add(new Object[] {
          runId, f.fingerprint(), Columns.fit(f.ruleId(), Columns.RULE_ID), Columns.fit(f.title(), Columns.TITLE),
          f.severity().label(), Columns.fit(f.subject().name(), Columns.SUBJECT_NAME),
          Columns.fit(f.subject().resourceId(), Columns.RESOURCE_ID),
          Columns.fit(f.subject().subscriptionId(), Columns.SUBSCRIPTION_ID), timestamp(firstSeen),
          result.waivers() != null && result.waivers().applying(f).isPresent()
        });
      }
      template.batchUpdate("""
          INSERT INTO audit_finding (run_id, fingerprint, rule_id, title, severity, subject_name,
            resource_id, subscription_id, first_seen, waived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }
  }

  private static int count(Summary summary, Severity severity) {
    return summary.bySeverity().getOrDefault(severity.label(), 0);
  }

  private static Timestamp timestamp(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }
}
