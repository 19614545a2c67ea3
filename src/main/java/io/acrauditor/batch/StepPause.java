package io.acrauditor.batch;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * A test hook for the crash-recovery test, off unless the system property {@code
 * acrauditor.test.pause-in-step} names a step: the run then stops inside that step (collect once
 * the snapshot is written, evaluate after its first chunk of findings, report once the history
 * has taken the run and before the reports are written), says so on stderr and waits to be killed, so that a SIGKILL
 * lands inside the step every time.
 */
final class StepPause implements ItemWriteListener<Object> {
  static final String PROPERTY = "acrauditor.test.pause-in-step";
  static final StepPause INSTANCE = new StepPause();

  private StepPause() {}

  @Override
  public void afterWrite(Chunk<?> items) {
    pauseIf("evaluate");
  }

  /** Called by a tasklet at its most delicate point. */
  static void pauseIf(String step) {
    if (!step.equals(System.getProperty(PROPERTY))) {
      return;
    }
    System.err.println("acr-auditor: paused in step " + step + " (" + PROPERTY + ")");
    System.err.flush();
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
