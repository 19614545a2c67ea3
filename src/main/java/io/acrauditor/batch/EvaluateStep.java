package io.acrauditor.batch;

import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.inventory.index.Subject;
import io.acrauditor.rules.EvaluationOutcome;
import io.acrauditor.rules.RuleEngine;
import java.util.Iterator;
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
}
