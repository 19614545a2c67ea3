package io.acrauditor.history;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The latest runs as the job repository knows them, finished or not, newest first. */
@Repository
public class RecentRuns {
  private final JdbcClient jdbc;

  RecentRuns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One run: its last execution's status, when the run started, the step it was in last, what it
   * audited (the input the command line named) and its folder.
   */
  public record Run(String runId, String status, Instant startedAt, String lastStep, String input, String folder) {}

  public List<Run> latest(String jobName, int limit) {
    return jdbc.sql("""
            SELECT r.parameter_value, e.status, e.start_time, e.create_time,
              (SELECT s.step_name FROM batch_step_execution s WHERE s.job_execution_id = e.job_execution_id
                 ORDER BY s.step_execution_id DESC LIMIT 1),
              (SELECT p.parameter_value FROM batch_job_execution_params p
                 WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'input'),
              (SELECT p.parameter_value FROM batch_job_execution_params p
                 WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'runFolder')
            FROM batch_job_execution e
            JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            JOIN batch_job_execution_params r ON r.job_execution_id = e.job_execution_id AND r.parameter_name = 'runId'
            WHERE i.job_name = ?
              AND e.job_execution_id = (SELECT MAX(e2.job_execution_id) FROM batch_job_execution e2
                                        WHERE e2.job_instance_id = e.job_instance_id)
            ORDER BY e.job_execution_id DESC
            LIMIT ?""")
        .params(jobName, limit)
        .query((rs, n) -> {
          Timestamp started = rs.getTimestamp(3) != null ? rs.getTimestamp(3) : rs.getTimestamp(4);
          return new Run(rs.getString(1), rs.getString(2), started == null ? null : started.toInstant(),
              rs.getString(5), rs.getString(6), rs.getString(7));
        })
        .list();
  }
}
