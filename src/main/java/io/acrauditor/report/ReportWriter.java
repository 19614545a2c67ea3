package io.acrauditor.report;

import io.acrauditor.findings.AuditResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * One output format. A format streams its file as it renders it, so that the size of an estate
 * shows in the file, not in the heap; {@link ReportWriters} stages it in a temporary file and
 * moves it into place only once complete.
 */
public interface ReportWriter {

  /** The file name inside the run folder, e.g. {@code findings.json}. */
  String fileName();

  /**
   * Finds what can make {@link #write} fail without looking at a result (templates that do not
   * parse), so that such a failure happens before anything touches the run folder. Cheap enough
   * to call before every run.
   *
   * @throws ReportRenderException when the format cannot be produced for any result
   */
  default void check() {}

  /**
   * Writes the file to {@code out} as it is rendered; does not close {@code out}.
   *
   * @throws ReportRenderException when the format cannot be produced (part of it may have been
   *     written: the caller discards it)
   * @throws IOException when {@code out} cannot be written
   */
  void write(AuditResult result, OutputStream out) throws IOException;

  /**
   * The complete file content in memory: for tests and small results only; reports of a run are
   * written with {@link #write}.
   */
  default byte[] render(AuditResult result) {
    check();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      write(result, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
