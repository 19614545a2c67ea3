package io.acrauditor.batch;

import io.acrauditor.history.RunHistory;
import io.acrauditor.inventory.index.Subject;
import io.acrauditor.rules.EvaluationOutcome;
import io.acrauditor.rules.RuleEngine;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code audit} job: collect, evaluate, report. Wiring only; each step calls its stage
 * package. Steps find the run's in-memory state through the {@code runId} job parameter.
 */
@Configuration(proxyBeanMethods = false)
class AuditJobConfiguration {
  static final String JOB_NAME = "audit";
  static final String RUN_ID = "runId";
  static final int CHUNK_SIZE = 500;

  static String runId(ChunkContext context) {
    return (String) context.getStepContext().getJobParameters().get(RUN_ID);
  }

  @Bean
  Job auditJob(JobRepository repository, Step collectStep, Step evaluateStep, Step reportStep) {
    return new JobBuilder(JOB_NAME, repository).start(collectStep).next(evaluateStep).next(reportStep).build();
  }

  @Bean
  Step collectStep(JobRepository repository, AuditSessions sessions) {
    return new StepBuilder("collect", repository).tasklet(new CollectStep(sessions)).build();
  }

  @Bean
  Step evaluateStep(
      JobRepository repository,
      AuditSessions sessions,
      ItemReader<Subject> subjectReader,
      ItemProcessor<Subject, EvaluationOutcome> ruleProcessor,
      ItemWriter<EvaluationOutcome> outcomeWriter) {
    return new StepBuilder("evaluate", repository)
        .<Subject, EvaluationOutcome>chunk(CHUNK_SIZE)
        .reader(subjectReader)
        .processor(ruleProcessor)
        .writer(outcomeWriter)
        .listener(EvaluateStep.completion(sessions))
        .build();
  }

  @Bean
  Step reportStep(JobRepository repository, AuditSessions sessions, RunHistory history) {
    return new StepBuilder("report", repository).tasklet(new ReportStep(sessions, history)).build();
  }

  @Bean
  @StepScope
  ItemReader<Subject> subjectReader(AuditSessions sessions, @Value("#{jobParameters['runId']}") String runId) {
    return EvaluateStep.reader(sessions.get(runId).index());
  }

  @Bean
  @StepScope
  ItemProcessor<Subject, EvaluationOutcome> ruleProcessor(
      AuditSessions sessions, @Value("#{jobParameters['runId']}") String runId) {
    AuditSession session = sessions.get(runId);
    return EvaluateStep.processor(new RuleEngine(session.request().rules()), session.index());
  }

  @Bean
  @StepScope
  ItemWriter<EvaluationOutcome> outcomeWriter(
      AuditSessions sessions, @Value("#{jobParameters['runId']}") String runId) {
    return EvaluateStep.writer(sessions.get(runId));
  }
}
