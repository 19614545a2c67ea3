package io.acrauditor.batch;

import io.acrauditor.history.RunOwnership;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Claims each job execution for this process and refreshes its heartbeat while it runs, so that an
 * execution whose process was killed can be told apart from one still running (see {@link
 * RunOwnership#abandoned}).
 */
final class RunHeartbeat implements JobExecutionListener {
  private static final Logger LOG = LoggerFactory.getLogger(RunHeartbeat.class);

  private final RunOwnership ownership;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "run-heartbeat");
    t.setDaemon(true);
    return t;
  });
  private final Map<Long, ScheduledFuture<?>> beats = new ConcurrentHashMap<>();

  RunHeartbeat(RunOwnership ownership) {
    this.ownership = ownership;
  }

  @Override
  public void beforeJob(JobExecution execution) {
    long id = execution.getId();
    ownership.claim(id, execution.getJobParameters().getString(AuditJobConfiguration.RUN_ID));
    long period = RunOwnership.HEARTBEAT.toMillis();
    beats.put(id, timer.scheduleAtFixedRate(() -> beat(id), period, period, TimeUnit.MILLISECONDS));
  }

  @Override
  public void afterJob(JobExecution execution) {
    ScheduledFuture<?> beat = beats.remove(execution.getId());
    if (beat != null) {
      beat.cancel(false);
    }
    ownership.release(execution.getId());
  }

  private void beat(long id) {
    try {
      ownership.heartbeat(id);
    } catch (RuntimeException e) {
      // A missed beat is harmless unless many are; the run itself reports a database that is gone.
      LOG.warn("run heartbeat not recorded: {}", e.getMessage());
    }
  }
}
