package io.acrauditor.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLimitTest {
  @TempDir Path dir;

  @Test
  void aFilePastTheLimitFailsNamingItAndLeavesNothing() throws IOException {
    Path target = dir.resolve("report.html");
    assertThatThrownBy(() -> AtomicFiles.stage(target, 1000, out -> {
      for (int i = 0; i < 2000; i++) {
        out.write('x');
      }
    }))
        .isInstanceOf(OutputTooLargeException.class)
        .hasMessageStartingWith(target + " would be larger than the limit of 1000 bytes for one output file (set "
            + "ACR_AUDITOR_MAX_OUTPUT_BYTES to change it)");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aFileAtTheLimitIsWritten() {
    Path target = dir.resolve("findings.json");
    try (AtomicFiles.Staged staged = AtomicFiles.stage(target, 1000, out -> out.write(new byte[1000]))) {
      staged.commit();
    }
    assertThat(target).hasSize(1000);
  }

  @Test
  void aLimitSurvivesWrappingByTheWriter() {
    // As Jackson does: the stream's IOException reaches the caller inside an unchecked exception.
    Path target = dir.resolve("findings.json");
    assertThatThrownBy(() -> AtomicFiles.stage(target, 10, out -> {
      try {
        out.write(new byte[11]);
      } catch (IOException e) {
        throw new IllegalStateException("wrapped", e);
      }
    })).isInstanceOf(OutputTooLargeException.class);
  }

  @Test
  void theBoundIsSetByPropertyOrEnvironment() {
    String before = System.getProperty(OutputLimit.PROPERTY);
    try {
      System.setProperty(OutputLimit.PROPERTY, "5M");
      assertThat(OutputLimit.maxBytes()).isEqualTo(5L << 20);
      System.setProperty(OutputLimit.PROPERTY, "-1");
      assertThatThrownBy(OutputLimit::maxBytes).hasMessageContaining("acr-auditor.max-output-bytes='-1' is not a positive");
    } finally {
      if (before == null) {
        System.clearProperty(OutputLimit.PROPERTY);
      } else {
        System.setProperty(OutputLimit.PROPERTY, before);
      }
    }
  }

  @Test
  void aStateStreamIsBoundedToo() throws IOException {
    Path file = dir.resolve("findings.jsonl");
    try (OutputStream out = OutputLimit.bound(PrivateFiles.create(file), file, 4)) {
      out.write(new byte[4]);
      assertThatThrownBy(() -> out.write(1)).isInstanceOf(OutputLimit.Exceeded.class);
    }
  }
}
