package io.acrauditor.text;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-8 text stream with control and bidirectional characters made visible ({@link
 * Printable#lines}), for log output: a log line quoting a resource or property name never sends
 * an escape sequence to the terminal. Writers of whole lines (a log encoder writes each event in
 * one call) keep multi-byte characters whole.
 */
public final class PrintableOutputStream extends FilterOutputStream {
  public PrintableOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    String text = new String(b, off, len, StandardCharsets.UTF_8);
    String safe = Printable.lines(text);
    if (safe.equals(text)) {
      out.write(b, off, len);
    } else {
      out.write(safe.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws IOException {
    flush(); // standard error stays open for whatever comes next
  }
}
