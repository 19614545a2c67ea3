package io.acrauditor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrauditor.files.OutputNotWritableException;
import io.acrauditor.inventory.index.RegistryAccessPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder has a predictable name; someone who can write next to it can plant links in it.
 * The state the steps keep there is never written through a link, and only the auditor's user can
 * read it, as the reports.
 */
class RunFolderSafetyTest {
  @TempDir Path tmp;

  private Path runFolder() throws IOException {
    return Files.createDirectory(tmp.resolve("run"));
  }

  @Test
  void aLinkPlantedAsTheStateFolderIsRefusedAndNothingIsWrittenWhereItPoints() throws IOException {
    Path run = runFolder();
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(run.resolve(".state"), elsewhere);

    assertThatThrownBy(() -> FindingsFile.create(RunState.findings(run)))
        .isInstanceOf(OutputNotWritableException.class)
        .hasMessage("cannot write " + run.resolve(".state") + ": is a symbolic link; the auditor does not write "
            + "through links in a run folder");
    assertThatThrownBy(() -> RunState.saveEvaluation(run, new RunState.EvaluationSummary(List.of(), 0, 0, List.of())))
        .isInstanceOf(OutputNotWritableException.class);
    assertThatThrownBy(() -> RunState.partitions(run)).isInstanceOf(OutputNotWritableException.class);
    try (var entries = Files.list(elsewhere)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void aLinkPlantedAsAStateFileIsRefusedAndItsTargetKeepsItsContent() throws IOException {
    Path run = runFolder();
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious");
    Files.createDirectories(run.resolve(".state"));
    Files.createSymbolicLink(run.resolve(".state/findings.jsonl"), victim);
    Files.createSymbolicLink(run.resolve(".state/access-matrix.jsonl"), victim);

    assertThatThrownBy(() -> FindingsFile.create(RunState.findings(run)))
        .isInstanceOf(OutputNotWritableException.class)
        .hasMessageContaining("findings.jsonl: is a symbolic link");
    assertThatThrownBy(() -> AccessMatrixFile.write(RunState.accessMatrix(run), RegistryAccessPaths.of(List.of())))
        .isInstanceOf(OutputNotWritableException.class)
        .hasMessageContaining("access-matrix.jsonl: is a symbolic link");
    assertThat(victim).hasContent("precious");
  }

  @Test
  void aLinkPlantedAsTheEvaluationIsReplacedNotWrittenThrough() throws IOException {
    Path run = runFolder();
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious");
    Files.createDirectories(run.resolve(".state"));
    Files.createSymbolicLink(run.resolve(".state/evaluation.json"), victim);

    RunState.saveEvaluation(run, new RunState.EvaluationSummary(List.of(), 7, 0, List.of()));

    assertThat(victim).hasContent("precious");
    assertThat(Files.isSymbolicLink(run.resolve(".state/evaluation.json"))).isFalse();
  }

  @Test
  void stateIsReadableOnlyByTheAuditorsUser() throws IOException {
    Path run = runFolder();
    try (FindingsFile findings = FindingsFile.create(RunState.findings(run))) {
      findings.append(List.of());
    }
    AccessMatrixFile.write(RunState.accessMatrix(run), RegistryAccessPaths.of(List.of()));
    RunState.saveEvaluation(run, new RunState.EvaluationSummary(List.of(), 0, 0, List.of()));
    RunState.partitions(run);

    assertThat(permissions(run.resolve(".state"))).isEqualTo("rwx------");
    assertThat(permissions(run.resolve(".state/partitions"))).isEqualTo("rwx------");
    assertThat(permissions(run.resolve(".state/findings.jsonl"))).isEqualTo("rw-------");
    assertThat(permissions(run.resolve(".state/access-matrix.jsonl"))).isEqualTo("rw-------");
    assertThat(permissions(run.resolve(".state/evaluation.json"))).isEqualTo("rw-------");
  }

  @Test
  void aStateFileWithADuplicatedKeyIsRefused() throws IOException {
    Path run = runFolder();
    RunState.saveEvaluation(run, new RunState.EvaluationSummary(List.of(), 3, 0, List.of()));
    try (FindingsFile findings = FindingsFile.create(RunState.findings(run))) {
      findings.append(List.of());
    }
    Path evaluation = run.resolve(".state/evaluation.json");
    Files.writeString(evaluation, "{\"errors\": [], \"subjects\": 3, \"findings\": 0, \"subjects\": 9}");
    assertThatThrownBy(() -> RunState.loadEvaluation(run)).hasMessageContaining("Duplicate Object property \"subjects\"");
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }
}
