package io.acrauditor.report;

import io.acrauditor.findings.AuditResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes every report of a run into its run folder.
 *
 * <p>Order matters for what a crash leaves behind. All formats are rendered in memory first, so a
 * template or serialisation error writes nothing at all. The files are then written one by one,
 * each atomically, human-facing reports first and {@code findings.json} last: {@code
 * findings.json} is what automation reads (the next run's baseline comparison, CI gates), so its
 * presence means every other report of the run is complete. A run folder with a {@code
 * report.html} and no {@code findings.json} is visibly unfinished.
 */
public final class ReportWriters {
  private final List<ReportWriter> writers;

  /** Writers in write order; the last one should be the file whose presence marks completion. */
  public ReportWriters(List<ReportWriter> writers) {
    this.writers = List.copyOf(writers);
  }

  /** The standard set: {@code report.html}, then {@code findings.json}. */
  public static ReportWriters standard(Optional<Path> templatesDir) {
    return new ReportWriters(List.of(new HtmlReportWriter(templatesDir), new JsonReportWriter()));
  }

  /**
   * Renders all reports, then writes them into {@code runFolder} (created when missing).
   *
   * @return the written files, in write order
   * @throws ReportRenderException when a report cannot be rendered (nothing has been written)
   * @throws OutputNotWritableException when the folder or a file in it cannot be written
   */
  public List<Path> writeAll(AuditResult result, Path runFolder) {
    Map<String, byte[]> rendered = new LinkedHashMap<>();
    for (ReportWriter writer : writers) {
      rendered.put(writer.fileName(), writer.render(result));
    }
    Path dir = AtomicFiles.createDirectory(runFolder);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : rendered.entrySet()) {
      Path target = dir.resolve(file.getKey());
      AtomicFiles.write(target, file.getValue());
      written.add(target);
    }
    return List.copyOf(written);
  }
}
