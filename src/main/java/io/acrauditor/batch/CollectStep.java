package io.acrauditor.batch;

import io.acrauditor.collect.CollectedSnapshot;
import io.acrauditor.inventory.index.InventoryIndex;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Step {@code collect}: read the inventory, keep its bytes in the run folder as evidence, index it. */
final class CollectStep implements Tasklet {
  private final AuditSessions sessions;

  CollectStep(AuditSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
    AuditSession session = sessions.get(AuditJobConfiguration.runId(context));
    CollectedSnapshot collected = session.request().input().collect(RunState.snapshot(session.request().runFolder()));
    session.inventoryCollected(InventoryIndex.of(collected.snapshot()), collected.sha256());
    return RepeatStatus.FINISHED;
  }
}
