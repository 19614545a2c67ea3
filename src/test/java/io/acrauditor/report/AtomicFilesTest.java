package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @Test
  void writesAndReplacesWithoutLeavingTemporaryFiles(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("findings.json");
    AtomicFiles.write(target, "first".getBytes());
    AtomicFiles.write(target, "second".getBytes());
    assertThat(target).hasContent("second");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void createsMissingParentsAndReturnsTheAbsoluteFolder(@TempDir Path dir) {
    Path created = AtomicFiles.createDirectory(dir.resolve("out/nightly-2026-11-23"));
    assertThat(created).isDirectory().isAbsolute();
    assertThat(created.toFile().list()).isEmpty();
  }

  @Test
  void aFolderThatCannotBeCreatedNamesThePathAndTheReason(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    Path wanted = file.resolve("run");
    assertThatThrownBy(() -> AtomicFiles.createDirectory(wanted))
        .isInstanceOfSatisfying(
            OutputNotWritableException.class,
            e -> {
              assertThat(e.path()).isEqualTo(wanted.toAbsolutePath());
              assertThat(e.reason()).isNotBlank();
              assertThat(e.getMessage()).startsWith("cannot write " + wanted.toAbsolutePath() + ": ");
            });
  }

  @Test
  void aFileThatCannotBeWrittenLeavesTheOldContent(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("report.html");
    Files.createDirectory(target);
    assertThatThrownBy(() -> AtomicFiles.write(target, "new".getBytes()))
        .isInstanceOfSatisfying(OutputNotWritableException.class, e -> assertThat(e.path()).isEqualTo(target));
    assertThat(target).isDirectory();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
