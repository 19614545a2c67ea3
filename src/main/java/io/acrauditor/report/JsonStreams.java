package io.acrauditor.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SequenceWriter;

/** Jackson's exceptions as the report writers promise them: the disk, or the document. */
final class JsonStreams {
  private JsonStreams() {}

  interface Body {
    void write() throws IOException;
  }

  /**
   * Runs {@code body}, turning a failing stream into the {@link IOException} underneath it (the
   * caller reports an unwritable file) and any other Jackson failure into a {@link
   * ReportRenderException} naming {@code fileName}.
   */
  static void write(String fileName, Body body) throws IOException {
    try {
      body.write();
    } catch (JacksonIOException e) {
      IOException cause = e.getCause();
      throw cause != null ? cause : new IOException(e.getOriginalMessage(), e);
    } catch (JacksonException e) {
      throw new ReportRenderException(fileName, e.getOriginalMessage(), e);
    }
  }

  private static final ObjectWriter LINE_WRITER =
      ReportJson.LINES.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).withRootValueSeparator("\n");

  /**
   * JSON Lines: each value on a line of its own, every line ended by a newline, as it is drawn
   * from {@code values} (never collected); no values, an empty file.
   */
  static void writeLines(String fileName, OutputStream out, Stream<?> values) throws IOException {
    boolean[] any = {false};
    write(fileName, () -> {
      try (SequenceWriter sequence = LINE_WRITER.writeValues(out)) {
        Iterator<?> each = values.iterator();
        while (each.hasNext()) {
          sequence.write(each.next());
          any[0] = true;
        }
      }
    });
    if (any[0]) {
      out.write('\n');
    }
  }
}
