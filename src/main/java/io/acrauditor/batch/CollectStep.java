package io.acrauditor.batch;

import io.acrauditor.collect.AzureClients;
import io.acrauditor.collect.CollectedSnapshot;
import io.acrauditor.collect.LiveAzureInput;
import io.acrauditor.inventory.index.InventoryIndex;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step {@code collect}: read the inventory, keep its bytes in the run folder as evidence, index it.
 * From live Azure the inventory has already been read by the partitions, and is merged here.
 */
final class CollectStep implements Tasklet {
  private final AuditSessions sessions;
  private final AzureClients clients;

  CollectStep(AuditSessions sessions, AzureClients clients) {
    this.sessions = sessions;
    this.clients = clients;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
    AuditSession session = sessions.get(AuditJobConfiguration.runId(context));
    CollectedSnapshot collected = session.request().input() instanceof LiveAzureInput
        ? CollectPartitions.merge(session, clients)
        : session.request().input().collect(RunState.snapshot(session.request().runFolder()));
    session.inventoryCollected(InventoryIndex.of(collected.snapshot()), collected.sha256());
    return RepeatStatus.FINISHED;
  }
}
