package io.acrauditor.batch;

import io.acrauditor.collect.CollectedSnapshot;
import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.report.AtomicFiles;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Step {@code collect}: read the inventory, keep its bytes in the run folder as evidence, index it. */
final class CollectStep implements Tasklet {
  static final String SNAPSHOT_FILE = "snapshot.json";

  private final AuditSessions sessions;

  CollectStep(AuditSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
    AuditSession session = sessions.get(AuditJobConfiguration.runId(context));
    CollectedSnapshot collected = session.request().input().collect();
    AtomicFiles.write(session.request().runFolder().resolve(SNAPSHOT_FILE), collected.evidence());
    session.inventoryCollected(InventoryIndex.of(collected.snapshot()), sha256(collected.evidence()));
    return RepeatStatus.FINISHED;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
