package io.acrauditor.batch;

import io.acrauditor.findings.AuditResult;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** Runs the {@code audit} job for one request and says how it ended. */
@Component
public class AuditRunner {
  private final JobOperator jobOperator;
  private final Job auditJob;
  private final AuditSessions sessions;

  AuditRunner(JobOperator jobOperator, Job auditJob, AuditSessions sessions) {
    this.jobOperator = jobOperator;
    this.auditJob = auditJob;
    this.sessions = sessions;
  }

  /** The result, or the first failure of the job as an {@link AuditFailedException}. */
  public AuditResult run(AuditRequest request) {
    AuditSession session = sessions.open(request);
    try {
      JobParameters parameters = new JobParametersBuilder()
          .addString(AuditJobConfiguration.RUN_ID, request.runId())
          .addString("runFolder", request.runFolder().toAbsolutePath().toString(), false)
          .addString("input", request.input().describe(), false)
          .toJobParameters();
      JobExecution execution = jobOperator.start(auditJob, parameters);
      if (execution.getStatus() != BatchStatus.COMPLETED || session.result() == null) {
        throw new AuditFailedException(firstFailure(execution));
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

  private static Throwable firstFailure(JobExecution execution) {
    for (StepExecution step : execution.getStepExecutions()) {
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
