package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.batch.AuditFailedException;
import io.acrauditor.files.OutputNotWritableException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.springframework.batch.core.step.FatalStepExecutionException;
import org.junit.jupiter.api.Test;

/** The one line and the exit code for what stops a run: the root cause, not the wrapper. */
class FailureTest {
  @Test
  void aFullDiskDuringEvaluationNamesTheFileAndIsInfrastructure() {
    Throwable e = new AuditFailedException(new FatalStepExecutionException("Unable to process chunk",
        new UncheckedIOException("cannot keep the findings in /r/.state/findings.jsonl",
            new FileSystemException("/r/.state/findings.jsonl", null, "No space left on device"))));
    Failure failure = Failure.of(e);
    assertThat(failure.exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(failure.message())
        .isEqualTo("disk full: cannot keep the findings in /r/.state/findings.jsonl: "
            + "/r/.state/findings.jsonl: No space left on device")
        .doesNotContain("Unable to process chunk");
  }

  @Test
  void aFileAndPointerInTheSpecificMessageAreKeptAndItIsBadInput() {
    Throwable e = new AuditFailedException(new FatalStepExecutionException("Unable to process chunk",
        new IllegalArgumentException("/in/snap.json at line 3: /registries/0/name: expected a string")));
    Failure failure = Failure.of(e);
    assertThat(failure.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(failure.message()).isEqualTo("/in/snap.json at line 3: /registries/0/name: expected a string");
  }

  @Test
  void anUnwritableOutputFolderIsBadInput() {
    Throwable e = new OutputNotWritableException(Path.of("/ro/run"), "Permission denied", null);
    assertThat(Failure.of(e).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void escapeSequencesInAMessageAreShownNotSent() {
    Throwable e = new IllegalArgumentException("/s.json: unknown property 'x\u001b[2J\u001b]0;owned\u0007'");
    assertThat(Failure.of(e).message()).isEqualTo("/s.json: unknown property 'x\\x1b[2J\\x1b]0;owned\\x07'");
  }
}
