package io.acrauditor.cli;

import java.nio.file.Path;

/**
 * Where run folders and the default run-history database go when nothing else is said:
 * {@code ACR_AUDITOR_REPORTS_DIR}, else {@code out} in the working directory. The container sets
 * it to its one writable volume.
 */
public final class ReportsRoot {
  public static final String ENV = "ACR_AUDITOR_REPORTS_DIR";

  private ReportsRoot() {}

  public static Path path() {
    String configured = System.getenv(ENV);
    return Path.of(configured == null || configured.isBlank() ? "out" : configured);
  }
}
