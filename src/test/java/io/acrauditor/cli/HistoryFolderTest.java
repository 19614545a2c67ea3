package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default H2 history holds every run's findings: only the auditor's user may enter its folder. */
class HistoryFolderTest {
  @TempDir Path tmp;

  @Test
  void aNewHistoryFolderIsPrivate() throws IOException {
    Path history = tmp.resolve("out/history");
    HistoryFolder.prepare(history);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rwx------");
  }

  @Test
  void anExistingWorldReadableHistoryFolderIsTightened() throws IOException {
    Path history = Files.createDirectories(tmp.resolve("history"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    HistoryFolder.prepare(history);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rwx------");
  }

  @Test
  void aHistoryFolderPlantedAsALinkIsLeftAloneForTheDatabaseToRefuse() throws IOException {
    Path target = Files.createDirectories(tmp.resolve("elsewhere"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path history = Files.createSymbolicLink(tmp.resolve("history"), target);
    HistoryFolder.prepare(history);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwxr-xr-x");
  }
}
