package io.acrauditor.inventory.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotException;
import io.acrauditor.inventory.SnapshotJson;
import io.acrauditor.inventory.SnapshotReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An index read from a snapshot file keeps no role assignment record and reads them again for
 * their subjects: it must give exactly what an index of the same snapshot held in memory gives.
 */
class InventoryIndexFromFileTest {
  @TempDir Path dir;

  private Path copy(String resource) throws IOException {
    Path file = dir.resolve("snapshot.json");
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      Files.copy(in, file);
    }
    return file;
  }

  private static List<Subject> subjects(InventoryIndex index) {
    try (Stream<Subject> subjects = index.subjects()) {
      return subjects.toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/demo/estate.json", "/index/estate.json"})
  void givesTheSubjectsAndAccessPathsOfTheSnapshotInMemory(String resource) throws IOException {
    Path file = copy(resource);
    Snapshot whole = new SnapshotReader().read(file);
    InventoryIndex inMemory = InventoryIndex.of(whole);
    InventoryIndex fromFile = InventoryIndex.read(file, "snapshot.json");

    assertThat(whole.roleAssignments()).isNotEmpty();
    assertThat(fromFile.snapshot().roleAssignments()).isEmpty();
    List<Subject> expected = subjects(inMemory);
    assertThat(expected).anyMatch(s -> s.kind() == SubjectKind.ROLE_ASSIGNMENT);
    assertThat(subjects(fromFile)).containsExactlyElementsOf(expected);
    assertThat(fromFile.accessMatrix().stream()).containsExactlyElementsOf(inMemory.accessMatrix().stream().toList());
    // Twice: the subjects are read from the file again each time they are asked for.
    assertThat(subjects(fromFile)).containsExactlyElementsOf(expected);
  }

  @Test
  void theReaderHandsOverEveryRoleAssignmentInOrderAndKeepsNone() throws IOException {
    Path file = copy("/index/estate.json");
    List<RoleAssignment> handed = new ArrayList<>();
    Snapshot rest = new SnapshotReader().read(file, "snapshot.json", handed::add);
    List<RoleAssignment> expected = new SnapshotReader().read(file).roleAssignments();
    assertThat(rest.roleAssignments()).isEmpty();
    assertThat(rest.registries()).isNotEmpty();
    assertThat(handed).containsExactlyElementsOf(expected);
    try (Stream<RoleAssignment> again = SnapshotReader.roleAssignments(file)) {
      assertThat(again).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aFileChangedUnderTheAuditIsRefusedNotJudged() throws IOException {
    Path file = copy("/index/estate.json");
    InventoryIndex index = InventoryIndex.read(file, "snapshot.json");
    ObjectNode tree = (ObjectNode) SnapshotJson.mapper().readTree(file.toFile());
    ((ObjectNode) tree.get("roleAssignments").get(0)).put("principalId", "11111111-2222-3333-4444-555555555555");
    SnapshotJson.mapper().writeValue(file.toFile(), tree);

    assertThatThrownBy(() -> subjects(index))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("changed while it was audited")
        .hasMessageContaining("role assignment 0 is not the one indexed");
  }

  @Test
  void aRoleAssignmentRemovedUnderTheAuditIsRefused() throws IOException {
    Path file = copy("/index/estate.json");
    InventoryIndex index = InventoryIndex.read(file, "snapshot.json");
    ObjectNode tree = (ObjectNode) SnapshotJson.mapper().readTree(file.toFile());
    ArrayNode assignments = (ArrayNode) tree.get("roleAssignments");
    int before = assignments.size();
    assignments.remove(before - 1);
    SnapshotJson.mapper().writeValue(file.toFile(), tree);

    assertThatThrownBy(() -> subjects(index))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("it now holds " + (before - 1) + " role assignments, not the " + before + " indexed");
  }
}
