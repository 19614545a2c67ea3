package io.acrauditor.batch;

import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.inventory.index.Subject;
import io.acrauditor.rules.RuleEngine;
import java.util.Iterator;
import java.util.stream.Stream;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Step {@code evaluate}: subjects in, findings out, one chunk at a time. The index builds each
 * subject view as it is read, so only a chunk of views is alive at once.
 */
final class EvaluateStep {
  private EvaluateStep() {}

  /** Opens the subjects when the step starts and closes them (and the snapshot file) when it ends. */
  static ItemStreamReader<Subject> reader(InventoryIndex index) {
    return new ItemStreamReader<>() {
      private Stream<Subject> stream;
      private Iterator<Subject> subjects;

      @Override
      public void open(ExecutionContext context) {
        stream = index.subjects();
        subjects = stream.iterator();
      }

      @Override
      public Subject read() {
        return subjects.hasNext() ? subjects.next() : null;
      }

      @Override
      public void close() {
        if (stream != null) {
          stream.close();
          stream = null;
        }
      }
    };
  }

  static ItemProcessor<Subject, EvaluatedSubject> processor(RuleEngine engine, InventoryIndex index) {
    return subject -> new EvaluatedSubject(subject.kind(), engine.evaluate(subject, index.now()));
  }

  static ItemWriter<EvaluatedSubject> writer(AuditSession session) {
    return (Chunk<? extends EvaluatedSubject> chunk) -> session.accept(chunk.getItems());
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
