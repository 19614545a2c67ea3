package io.acrauditor.batch;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.history.RecentRuns;
import io.acrauditor.history.RunOwnership;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** Runs the {@code audit} job for one request, or restarts a failed one, and says how it ended. */
@Component
public class AuditRunner {
  private static final String COMMAND_LINE = "commandLine";
  private static final String RUN_FOLDER = "runFolder";
  private static final String STARTED_AT = "startedAt";
  // The unit separator cannot appear in a command-line argument typed by a person.
  private static final String SEPARATOR = "\u001f";

  private final JobOperator jobOperator;
  private final JobRepository jobRepository;
  private final Job auditJob;
  private final AuditSessions sessions;
  private final RunOwnership ownership;
  private final RecentRuns recentRuns;

  AuditRunner(JobOperator jobOperator, JobRepository jobRepository, Job auditJob, AuditSessions sessions,
      RunOwnership ownership, RecentRuns recentRuns) {
    this.jobOperator = jobOperator;
    this.jobRepository = jobRepository;
    this.auditJob = auditJob;
    this.sessions = sessions;
    this.ownership = ownership;
    this.recentRuns = recentRuns;
  }

  /**
   * Marks FAILED every execution whose process is gone (killed in the middle of a step), with its
   * running steps, so that {@code audit --restart} can resume it. Returns the run ids marked.
   */
  public List<String> recoverAbandoned() {
    List<String> recovered = new java.util.ArrayList<>();
    for (long id : ownership.abandoned(AuditJobConfiguration.JOB_NAME)) {
      JobExecution execution = jobRepository.getJobExecution(id);
      if (execution == null) {
        continue;
      }
      jobOperator.recover(execution);
      ownership.release(id);
      recovered.add(execution.getJobParameters().getString(AuditJobConfiguration.RUN_ID));
    }
    return recovered;
  }

  /** Who still runs an execution the job repository calls running: "host pid N", if anyone claimed it. */
  public Optional<String> owner(JobExecution execution) {
    return ownership.owner(execution.getId());
  }

  /** The latest runs, newest first. */
  public List<RecentRuns.Run> recentRuns(int limit) {
    return recentRuns.latest(AuditJobConfiguration.JOB_NAME, limit);
  }

  /** The result, or the first failure of the job as an {@link AuditFailedException}. */
  public AuditResult run(AuditRequest request) {
    JobParameters parameters = new JobParametersBuilder()
        .addString(AuditJobConfiguration.RUN_ID, request.runId())
        .addString(RUN_FOLDER, request.runFolder().toAbsolutePath().toString(), false)
        .addString(STARTED_AT, request.startedAt().toString(), false)
        .addString("input", request.input().describe(), false)
        .addString(COMMAND_LINE, String.join(SEPARATOR, request.commandLine()), false)
        .toJobParameters();
    return execute(request, () -> jobOperator.start(auditJob, parameters));
  }

  /** Resumes a failed run from its failed step, with the request its command line rebuilds. */
  public AuditResult restart(JobExecution failed, AuditRequest request) {
    return execute(request, () -> jobOperator.restart(failed));
  }

  /** The last execution of a run, if the history knows it. */
  public Optional<JobExecution> lastExecution(String runId) {
    JobParameters identifying = new JobParametersBuilder()
        .addString(AuditJobConfiguration.RUN_ID, runId)
        .toJobParameters();
    return Optional.ofNullable(jobRepository.getLastJobExecution(AuditJobConfiguration.JOB_NAME, identifying));
  }

  /** The audit arguments a run was started with, to rebuild its request on restart. */
  public static List<String> commandLine(JobExecution execution) {
    String joined = execution.getJobParameters().getString(COMMAND_LINE, "");
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEPARATOR, -1));
  }

  public static Path runFolder(JobExecution execution) {
    return Path.of(execution.getJobParameters().getString(RUN_FOLDER));
  }

  public static Instant startedAt(JobExecution execution) {
    return Instant.parse(execution.getJobParameters().getString(STARTED_AT));
  }

  private interface Launch {
    JobExecution launch() throws Exception;
  }

  private AuditResult execute(AuditRequest request, Launch launch) {
    // Checked before the job starts, so that a link planted as the state folder is named on its
    // own line rather than inside a step's failure; each write checks again.
    RunState.stateFolder(request.runFolder());
    AuditSession session = sessions.open(request);
    try {
      JobExecution execution = launch.launch();
      if (execution.getStatus() != BatchStatus.COMPLETED || session.result() == null) {
        throw new AuditFailedException(firstFailure(execution), collected(execution) ? request.runId() : null);
      }
      return session.result();
    } catch (AuditFailedException e) {
      throw e;
    } catch (Exception e) {
      throw new AuditFailedException(e);
    } finally {
      sessions.close(request.runId());
    }
  }

  /** Whether a restart would save work: the snapshot is in place, or some partitions of it are. */
  private static boolean collected(JobExecution execution) {
    return execution.getStepExecutions().stream()
        .anyMatch(s -> (s.getStepName().equals("collect") || isPartition(s))
            && s.getStatus() == BatchStatus.COMPLETED);
  }

  private static boolean isPartition(StepExecution step) {
    return step.getStepName().startsWith(CollectPartitions.WORKER_STEP + ":");
  }

  private static Throwable firstFailure(JobExecution execution) {
    // A failed partition says what went wrong; its manager only that a partition failed.
    List<StepExecution> steps = execution.getStepExecutions().stream()
        .sorted(Comparator.comparing(s -> !isPartition(s)))
        .toList();
    for (StepExecution step : steps) {
      List<Throwable> failures = step.getFailureExceptions();
      if (!failures.isEmpty()) {
        return failures.get(0);
      }
    }
    List<Throwable> failures = execution.getAllFailureExceptions();
    return failures.isEmpty()
        ? new IllegalStateException("the audit job ended " + execution.getStatus())
        : failures.get(0);
  }
}
