package io.acrauditor.batch;

import io.acrauditor.collect.AzureClients;
import io.acrauditor.history.RunHistory;
import io.acrauditor.history.RunOwnership;
import io.acrauditor.inventory.index.Subject;
import io.acrauditor.rules.RuleEngine;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The {@code audit} job: collect, evaluate, report. Wiring only; each step calls its stage
 * package. From live Azure, collect is preceded by the partitioned {@code collect-inventory}.
 * Steps find the run's in-memory state through the {@code runId} job parameter.
 */
@Configuration(proxyBeanMethods = false)
class AuditJobConfiguration {
  static final String JOB_NAME = "audit";
  static final String RUN_ID = "runId";
  static final int CHUNK_SIZE = 500;

  static String runId(ChunkContext context) {
    return (String) context.getStepContext().getJobParameters().get(RUN_ID);
  }

  /**
   * Partitions read at once, whatever their number: each has its own pool of Azure reads, and
   * the job repository's connection pool is small.
   */
  static final int PARTITION_THREADS = 3;

  @Bean
  Job auditJob(JobRepository repository, AuditSessions sessions, RunOwnership ownership, Step collectInventoryStep,
      Step collectStep, Step evaluateStep, Step reportStep) {
    JobExecutionDecider route = CollectPartitions.route(sessions);
    return new JobBuilder(JOB_NAME, repository)
        .listener(new RunHeartbeat(ownership))
        .start(route).on(CollectPartitions.PARTITIONED.getName()).to(collectInventoryStep).next(collectStep)
        .from(route).on("*").to(collectStep).next(evaluateStep).next(reportStep)
        .end()
        .build();
  }

  @Bean
  Step collectStep(JobRepository repository, AuditSessions sessions, ObjectProvider<AzureClients> clients) {
    return new StepBuilder("collect", repository)
        .tasklet(new CollectStep(sessions, orDefault(clients)))
        .build();
  }

  /**
   * The manager of the partitioned collection. The handler is the piece to swap for a remote one
   * (workers in other pods, on the same job repository); partitioner and worker stay as they are.
   */
  @Bean
  Step collectInventoryStep(JobRepository repository, Partitioner collectPartitioner,
      TaskExecutorPartitionHandler collectPartitionHandler) {
    return new StepBuilder(CollectPartitions.MANAGER_STEP, repository)
        .partitioner(CollectPartitions.WORKER_STEP, collectPartitioner)
        .partitionHandler(collectPartitionHandler)
        .build();
  }

  @Bean
  TaskExecutorPartitionHandler collectPartitionHandler(Step collectPartitionStep) {
    SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(CollectPartitions.WORKER_STEP + "-");
    executor.setConcurrencyLimit(PARTITION_THREADS);
    TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
    handler.setStep(collectPartitionStep);
    handler.setTaskExecutor(executor);
    return handler;
  }

  @Bean
  Step collectPartitionStep(JobRepository repository, AuditSessions sessions, ObjectProvider<AzureClients> clients) {
    return new StepBuilder(CollectPartitions.WORKER_STEP, repository)
        .tasklet(CollectPartitions.worker(sessions, orDefault(clients)))
        .build();
  }

  @Bean
  @StepScope
  Partitioner collectPartitioner(AuditSessions sessions, ObjectProvider<AzureClients> clients,
      @Value("#{jobParameters['runId']}") String runId) {
    return CollectPartitions.partitioner(sessions.get(runId), orDefault(clients));
  }

  /** Production defines no {@link AzureClients}; a test that reaches a fake Azure does. */
  private static AzureClients orDefault(ObjectProvider<AzureClients> clients) {
    return clients.getIfAvailable(() -> AzureClients.DEFAULT);
  }

  @Bean
  Step evaluateStep(
      JobRepository repository,
      AuditSessions sessions,
      ItemStreamReader<Subject> subjectReader,
      ItemProcessor<Subject, EvaluatedSubject> ruleProcessor,
      ItemWriter<EvaluatedSubject> outcomeWriter) {
    return new StepBuilder("evaluate", repository)
        .<Subject, EvaluatedSubject>chunk(CHUNK_SIZE)
        .reader(subjectReader)
        .processor(ruleProcessor)
        .writer(outcomeWriter)
        .listener(EvaluateStep.completion(sessions))
        .listener(StepPause.INSTANCE)
        .build();
  }

  @Bean
  Step reportStep(JobRepository repository, AuditSessions sessions, RunHistory history) {
    return new StepBuilder("report", repository).tasklet(new ReportStep(sessions, history)).build();
  }

  @Bean
  @StepScope
  ItemStreamReader<Subject> subjectReader(AuditSessions sessions, @Value("#{jobParameters['runId']}") String runId) {
    return EvaluateStep.reader(sessions.get(runId).index());
  }

  @Bean
  @StepScope
  ItemProcessor<Subject, EvaluatedSubject> ruleProcessor(
      AuditSessions sessions, @Value("#{jobParameters['runId']}") String runId) {
    AuditSession session = sessions.get(runId);
    return EvaluateStep.processor(new RuleEngine(session.request().rules()), session.index());
  }

  @Bean
  @StepScope
  ItemWriter<EvaluatedSubject> outcomeWriter(
      AuditSessions sessions, @Value("#{jobParameters['runId']}") String runId) {
    return EvaluateStep.writer(sessions.get(runId));
  }
}
