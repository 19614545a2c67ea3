package io.acrauditor.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * How large one output file may grow: findings.json, report.html and the state files of a run.
 * Inputs are bounded (docs/operations.md, "Limits"), but a template from {@code --templates} can
 * loop, and a disk filled by one report is a failed night for every other job on the node. The
 * bound is far above what a large estate writes; going past it fails that file with a line naming
 * it and the bound, and the run leaves no report that looks complete.
 */
public final class OutputLimit {
  public static final String ENV = "ACR_AUDITOR_MAX_OUTPUT_BYTES";
  /** The same setting as a JVM system property, which wins over the environment. */
  public static final String PROPERTY = "acr-auditor.max-output-bytes";
  public static final long DEFAULT = 2L << 30;

  private OutputLimit() {}

  /** The bound in bytes: {@value #PROPERTY}, else {@value #ENV}, else 2 GiB. */
  public static long maxBytes() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return ByteSize.parse(PROPERTY, property);
    }
    String env = System.getenv(ENV);
    return env == null || env.isBlank() ? DEFAULT : ByteSize.parse(ENV, env);
  }

  /** {@code out}, failing with {@link Exceeded} at the write that would pass the bound. */
  public static OutputStream bound(OutputStream out, Path file) {
    return bound(out, file, maxBytes());
  }

  static OutputStream bound(OutputStream out, Path file, long limit) {
    return new FilterOutputStream(out) {
      private long written;

      @Override
      public void write(int b) throws IOException {
        count(1);
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        count(len);
        out.write(b, off, len);
      }

      private void count(int more) throws Exceeded {
        written += more;
        if (written > limit) {
          throw new Exceeded(file, limit);
        }
      }
    };
  }

  /** The {@link Exceeded} in {@code e}'s causes, or null. */
  public static Exceeded exceeded(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Exceeded exceeded) {
        return exceeded;
      }
    }
    return null;
  }

  /** An output file reached the bound; an IOException so that it travels as writers' failures do. */
  public static final class Exceeded extends IOException {
    private final transient Path file;
    private final long limit;

    Exceeded(Path file, long limit) {
      super(file + " would be larger than the limit of " + limit + " bytes for one output file (set "
          + ENV + " to change it); a report template that loops, or an input beyond the documented limits?");
      this.file = file;
      this.limit = limit;
    }

    public Path file() {
      return file;
    }

    public long limit() {
      return limit;
    }
  }
}
