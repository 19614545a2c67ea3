package io.acrauditor.report;

import io.acrauditor.files.AtomicFiles;
import io.acrauditor.files.OutputNotWritableException;
import io.acrauditor.findings.AuditResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes every report of a run into its run folder.
 *
 * <p>Each format streams into a hidden temporary file beside its final name as it renders, so no
 * report is ever held whole in memory. Order matters for what a failure leaves behind:
 *
 * <ol>
 *   <li>Every format is {@linkplain ReportWriter#check() checked} first (templates parsed), so a
 *       broken template fails before the run folder is even created.
 *   <li>Every format is then written to its temporary file, human-facing reports first. A failure
 *       part way through one (a template error that depends on the data, a full disk, running out
 *       of memory) deletes that temporary file and the ones already complete: the run folder
 *       (created by then) holds no report at all, and nothing at any final name.
 *   <li>Only when all are complete are they moved into place, one by one, each atomically, {@code
 *       findings.json} last: {@code findings.json} is what automation reads (the next run's
 *       baseline comparison, CI gates), so its presence means every other report of the run is
 *       complete. A run folder with a {@code report.html} and no {@code findings.json} is visibly
 *       unfinished; only a failing rename can leave one.
 * </ol>
 *
 * <p>What stays in memory while writing is the {@link AuditResult} itself (the caller's), the
 * findings in report order, and one registry's access paths at a time; see {@link AccessMatrix}.
 */
public final class ReportWriters {
  private final List<ReportWriter> writers;

  /** Writers in write order; the last one should be the file whose presence marks completion. */
  public ReportWriters(List<ReportWriter> writers) {
    this.writers = List.copyOf(writers);
  }

  /** The standard set: {@code report.html}, then {@code findings.json}. */
  public static ReportWriters standard(Optional<Path> templatesDir) {
    return standard(templatesDir, HtmlReportWriter.DEFAULT_PATHS_PER_REGISTRY);
  }

  /**
   * As {@link #standard(Optional)}, showing at most {@code pathsPerRegistry} access paths of each
   * registry in {@code report.html} ({@code findings.json} always has them all).
   */
  public static ReportWriters standard(Optional<Path> templatesDir, int pathsPerRegistry) {
    return new ReportWriters(List.of(new HtmlReportWriter(templatesDir, pathsPerRegistry), new JsonReportWriter()));
  }

  /**
   * The writers of {@code options.formats()}: in {@link ReportFormat} order, {@code findings.json}
   * last, each with the templates of {@code --templates} and the classification marking.
   */
  public static ReportWriters forFormats(ReportOptions options, Optional<Path> templatesDir) {
    List<ReportWriter> writers = new ArrayList<>();
    for (ReportFormat format : ReportFormat.values()) {
      if (format != ReportFormat.ALWAYS && options.formats().contains(format)) {
        writers.add(format.writer(templatesDir, options));
      }
    }
    writers.add(ReportFormat.ALWAYS.writer(templatesDir, options));
    return new ReportWriters(writers);
  }

  /**
   * Writes all reports into {@code runFolder} (created when missing).
   *
   * @return the written files, in write order
   * @throws ReportRenderException when a report cannot be rendered (no report is left in the folder)
   * @throws OutputNotWritableException when the folder or a file in it cannot be written
   */
  public List<Path> writeAll(AuditResult result, Path runFolder) {
    for (ReportWriter writer : writers) {
      writer.check();
    }
    Path dir = AtomicFiles.createDirectory(runFolder);
    List<AtomicFiles.Staged> staged = new ArrayList<>();
    try {
      for (ReportWriter writer : writers) {
        staged.add(AtomicFiles.stage(dir.resolve(writer.fileName()), out -> writer.write(result, out)));
      }
      List<Path> written = new ArrayList<>();
      for (AtomicFiles.Staged file : staged) {
        written.add(file.commit());
      }
      return List.copyOf(written);
    } finally {
      // Discards whatever was not moved into place; a committed file is left alone.
      staged.forEach(AtomicFiles.Staged::close);
    }
  }
}
