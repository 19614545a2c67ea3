package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrauditor.files.OutputNotWritableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ReportWritersTest {

  @Test
  void writesHtmlThenFindingsJsonLast(@TempDir Path dir) {
    Path run = dir.resolve("out/run-1");
    List<Path> written = ReportWriters.standard(Optional.empty()).writeAll(ReportFixtures.rich(), run);
    assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("report.html", "findings.json");
    assertThat(run.resolve("report.html")).isRegularFile();
    assertThat(new FindingsSchema().validate(JsonMapper.builder().build().readTree(run.resolve("findings.json").toFile())))
        .isEmpty();
  }

  @Test
  void aRenderingFailureWritesNothing(@TempDir Path dir) throws IOException {
    Path templates = Files.createDirectory(dir.resolve("templates"));
    Files.writeString(templates.resolve("findings.ftlh"), "${broken\n");
    Path run = dir.resolve("run");
    assertThatThrownBy(() -> ReportWriters.standard(Optional.of(templates)).writeAll(ReportFixtures.rich(), run))
        .isInstanceOf(ReportRenderException.class)
        .hasMessageContaining("findings.ftlh");
    assertThat(run).doesNotExist();
  }

  @Test
  void aFailureWhileStreamingLeavesNoReportAndNoTemporaryFile(@TempDir Path dir) throws IOException {
    // Parses, so the check lets it through; fails only when the data reaches it, after the page's
    // first sections and the run folder exist.
    Path templates = Files.createDirectory(dir.resolve("templates"));
    Files.writeString(templates.resolve("findings.ftlh"), "<section>${noSuchVariable}</section>\n");
    Path run = dir.resolve("run");
    assertThatThrownBy(() -> ReportWriters.standard(Optional.of(templates)).writeAll(ReportFixtures.rich(), run))
        .isInstanceOf(ReportRenderException.class)
        .hasMessageContaining("findings.ftlh:1");
    assertThat(run).isEmptyDirectory();
  }

  @Test
  void aFindingsJsonFailureAlsoDiscardsTheCompletedHtml(@TempDir Path dir) {
    ReportWriter failing =
        new ReportWriter() {
          @Override
          public String fileName() {
            return "findings.json";
          }

          @Override
          public void write(io.acrauditor.findings.AuditResult result, java.io.OutputStream out) throws IOException {
            out.write("{\"formatVersion\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            throw new ReportRenderException("findings.json", "cannot serialise", null);
          }
        };
    Path run = dir.resolve("run");
    ReportWriters writers = new ReportWriters(List.of(new HtmlReportWriter(Optional.empty()), failing));
    assertThatThrownBy(() -> writers.writeAll(ReportFixtures.rich(), run)).isInstanceOf(ReportRenderException.class);
    assertThat(run).isEmptyDirectory();
  }

  @Test
  void theCapOverloadKeepsEveryPathInTheJson(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    var result = ReportFixtures.withBusyRegistry(ReportFixtures.rich(), 120);
    ReportWriters.standard(Optional.empty(), 10).writeAll(result, run);
    assertThat(Files.readString(run.resolve("report.html"))).contains("and 110 more paths");
    assertThat(JsonMapper.builder().build().readTree(run.resolve("findings.json").toFile()).get("accessMatrix").size())
        .isEqualTo(result.accessMatrix().stream().toList().size());
  }

  @Test
  void anUnwritableRunFolderIsReportedWithItsPath(@TempDir Path dir) throws IOException {
    Path blocker = Files.writeString(dir.resolve("out"), "a file, not a folder");
    assertThatThrownBy(() -> ReportWriters.standard(Optional.empty()).writeAll(ReportFixtures.rich(), blocker.resolve("run")))
        .isInstanceOfSatisfying(
            OutputNotWritableException.class, e -> assertThat(e.path()).isEqualTo(blocker.resolve("run").toAbsolutePath()));
  }
}
