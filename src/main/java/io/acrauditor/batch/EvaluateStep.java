package io.acrauditor.batch;

import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.inventory.index.Subject;
import io.acrauditor.rules.EvaluationOutcome;
import io.acrauditor.rules.RuleEngine;
import java.util.Iterator;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Step {@code evaluate}: subjects in, findings out, one chunk at a time. The index builds each
 * subject view as it is read, so only a chunk of views is alive at once.
 */
final class EvaluateStep {
  private EvaluateStep() {}

  static ItemReader<Subject> reader(InventoryIndex index) {
    Iterator<Subject> subjects = index.subjects().iterator();
    return () -> subjects.hasNext() ? subjects.next() : null;
  }

  static ItemProcessor<Subject, EvaluationOutcome> processor(RuleEngine engine, InventoryIndex index) {
    return subject -> engine.evaluate(subject, index.now());
  }

  static ItemWriter<EvaluationOutcome> writer(AuditSession session) {
    return (Chunk<? extends EvaluationOutcome> chunk) -> session.accept(chunk.getItems());
  }

  /** Keeps the evaluation in the run folder once every subject is done, for a restart of the report. */
  static StepExecutionListener completion(AuditSessions sessions) {
    return new StepExecutionListener() {
      @Override
      public ExitStatus afterStep(StepExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
          sessions.get(execution.getJobParameters().getString(AuditJobConfiguration.RUN_ID)).evaluationFinished();
        }
        return execution.getExitStatus();
      }
    };
  }
}
