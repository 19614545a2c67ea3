package io.acrauditor.history;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which process owns each running job execution: host, pid and a heartbeat the running job
 * refreshes. An execution is abandoned when its owner is a process of this host that no longer
 * exists, when its heartbeat is older than {@link #STALE_AFTER} (another host, or a frozen
 * process), or when it has no owner at all and started longer ago than that.
 */
@Repository
public class RunOwnership {
  /** How often a running job says it is alive. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(15);
  /** Four heartbeats missed: the owner is gone. */
  public static final Duration STALE_AFTER = HEARTBEAT.multipliedBy(4);

  private static final String HOST = hostName();

  private final JdbcClient jdbc;
  private final Clock clock;

  RunOwnership(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  /** This process owns the execution from now on. */
  public void claim(long jobExecutionId, String runId) {
    jdbc.sql("DELETE FROM audit_run_owner WHERE job_execution_id = ?").param(jobExecutionId).update();
    jdbc.sql("INSERT INTO audit_run_owner (job_execution_id, run_id, host, pid, heartbeat_at) VALUES (?, ?, ?, ?, ?)")
        .params(jobExecutionId, runId, HOST, ProcessHandle.current().pid(), now())
        .update();
  }

  public void heartbeat(long jobExecutionId) {
    jdbc.sql("UPDATE audit_run_owner SET heartbeat_at = ? WHERE job_execution_id = ?")
        .params(now(), jobExecutionId).update();
  }

  public void release(long jobExecutionId) {
    jdbc.sql("DELETE FROM audit_run_owner WHERE job_execution_id = ?").param(jobExecutionId).update();
  }

  /** Executions of {@code jobName} the job repository says are running but whose process is gone. */
  public List<Long> abandoned(String jobName) {
    Instant stale = clock.instant().minus(STALE_AFTER);
    return jdbc.sql("""
            SELECT e.job_execution_id, e.create_time, o.host, o.pid, o.heartbeat_at
            FROM batch_job_execution e
            JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            LEFT JOIN audit_run_owner o ON o.job_execution_id = e.job_execution_id
            WHERE i.job_name = ? AND e.status IN ('STARTING', 'STARTED', 'STOPPING')""")
        .param(jobName)
        .query((rs, n) -> {
          long id = rs.getLong(1);
          String host = rs.getString(3);
          if (host == null) {
            Timestamp created = rs.getTimestamp(2);
            return created == null || created.toInstant().isBefore(stale) ? id : null;
          }
          boolean deadHere = host.equals(HOST) && ProcessHandle.of(rs.getLong(4)).map(p -> !p.isAlive()).orElse(true);
          boolean silent = rs.getTimestamp(5).toInstant().isBefore(stale);
          return deadHere || silent ? id : null;
        })
        .list().stream().filter(java.util.Objects::nonNull).toList();
  }

  /** Who runs an execution, for a message: "host pid 1234", or empty when nobody claimed it. */
  public java.util.Optional<String> owner(long jobExecutionId) {
    return jdbc.sql("SELECT host, pid FROM audit_run_owner WHERE job_execution_id = ?")
        .param(jobExecutionId)
        .query((rs, n) -> rs.getString(1) + " pid " + rs.getLong(2))
        .optional();
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
