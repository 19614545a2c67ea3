package io.acrauditor.batch;

import io.acrauditor.collect.AzureClients;
import io.acrauditor.collect.CollectedSnapshot;
import io.acrauditor.collect.LiveAzureInput;
import io.acrauditor.inventory.index.InventoryIndex;
import java.nio.file.Path;
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
    Path evidence = RunState.snapshot(session.request().runFolder());
    InventoryIndex.Builder index = new InventoryIndex.Builder();
    CollectedSnapshot collected = session.request().input() instanceof LiveAzureInput
        ? CollectPartitions.merge(session, clients, index)
        : session.request().input().collect(evidence, index);
    session.inventoryCollected(index.build(collected.snapshot(), evidence), collected.sha256());
    StepPause.pauseIf("collect");
    return RepeatStatus.FINISHED;
  }
}
