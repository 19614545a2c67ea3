package io.acrauditor.cli;

import io.acrauditor.history.RecentRuns;
import io.acrauditor.text.Printable;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code audit --list-runs}: the latest runs, one per line, newest first. */
final class RunListPrinter {
  static final int LIMIT = 20;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  private final PrintWriter out;

  RunListPrinter(PrintWriter out) {
    this.out = out;
  }

  void print(List<RecentRuns.Run> runs) {
    if (runs.isEmpty()) {
      out.println("No runs in the run history yet.");
      out.flush();
      return;
    }
    String format = "%-36s  %-9s  %-20s  %-17s  %s%n";
    out.printf(format, "RUN ID", "STATUS", "STARTED (UTC)", "LAST STEP", "INPUT");
    for (RecentRuns.Run run : runs) {
      out.printf(format, run.runId(), run.status(), run.startedAt() == null ? "-" : TIME.format(run.startedAt()),
          run.lastStep() == null ? "-" : run.lastStep(), Printable.line(run.input() == null ? "-" : run.input()));
    }
    out.flush();
  }
}
