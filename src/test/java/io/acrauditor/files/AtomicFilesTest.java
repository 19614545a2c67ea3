package io.acrauditor.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void streamsIntoPlaceAndReplacesAtomically(@TempDir Path dir) throws IOException {
    Path target = Files.writeString(dir.resolve("report.html"), "old");
    AtomicFiles.write(
        target,
        out -> {
          for (int i = 0; i < 10_000; i++) {
            out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
          }
          // Writers such as Jackson close what they were given; the file must still be completed.
          out.close();
        });
    assertThat(Files.readAllLines(target)).hasSize(10_000).startsWith("line 0").endsWith("line 9999");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void aFailureHalfWayLeavesNothingAtTheNameAndNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path fresh = dir.resolve("findings.json");
    Path existing = Files.writeString(dir.resolve("report.html"), "previous run");
    IllegalStateException boom = new IllegalStateException("template error half way");
    for (Path target : List.of(fresh, existing)) {
      assertThatThrownBy(
              () ->
                  AtomicFiles.write(
                      target,
                      out -> {
                        out.write(new byte[200_000]);
                        throw boom;
                      }))
          .isSameAs(boom);
    }
    assertThat(fresh).doesNotExist();
    assertThat(existing).hasContent("previous run");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(existing);
    }
  }

  @Test
  void anOutputFailureHalfWayIsReportedAsNotWritable(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("findings.json");
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write('{');
                      throw new IOException("No space left on device");
                    }))
        .isInstanceOfSatisfying(
            OutputNotWritableException.class,
            e -> {
              assertThat(e.path()).isEqualTo(target.toAbsolutePath());
              assertThat(e.reason()).isEqualTo("No space left on device");
            });
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aStagedFileAppearsOnlyWhenCommittedAndIsDeletedOtherwise(@TempDir Path dir) throws IOException {
    Path kept = dir.resolve("report.html");
    Path dropped = dir.resolve("findings.json");
    try (AtomicFiles.Staged staged = AtomicFiles.stage(kept, out -> out.write("<html>".getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.Staged discarded = AtomicFiles.stage(dropped, out -> out.write("{}".getBytes(StandardCharsets.UTF_8)))) {
      assertThat(kept).doesNotExist();
      assertThat(dir.toFile().list()).hasSize(2).allMatch(n -> n.startsWith(".") && n.endsWith(".partial"));
      assertThat(staged.commit()).isEqualTo(kept.toAbsolutePath());
    }
    assertThat(kept).hasContent("<html>");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(kept);
    }
  }
}
