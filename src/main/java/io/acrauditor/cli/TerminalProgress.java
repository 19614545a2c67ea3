package io.acrauditor.cli;

import io.acrauditor.collect.CollectProgress;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collection progress on stderr: rewritten in place on a terminal, a plain line per phase when
 * the output is a log (a CronJob, a pipe), so logs stay readable.
 */
final class TerminalProgress implements CollectProgress {
  private final PrintWriter err;
  private final boolean terminal;
  private final AtomicReference<String> lastPhase = new AtomicReference<>("");

  TerminalProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  static TerminalProgress forConsole(PrintWriter err) {
    return new TerminalProgress(err, System.console() != null);
  }

  @Override
  public synchronized void update(Progress p) {
    String line = String.format("collect: %s  subscriptions %d/%d  registries %d/%d",
        p.phase(), p.subscriptionsDone(), p.subscriptionsTotal(), p.registriesDone(), p.registriesTotal());
    if (terminal) {
      err.print("\r" + line + ("done".equals(p.phase()) ? System.lineSeparator() : ""));
      err.flush();
    } else if (!lastPhase.getAndSet(p.phase()).equals(p.phase())) {
      err.println(line);
      err.flush();
    }
  }
}
