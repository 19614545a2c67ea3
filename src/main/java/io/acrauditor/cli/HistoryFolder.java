package io.acrauditor.cli;

import io.acrauditor.files.OutputNotWritableException;
import io.acrauditor.files.PrivateFiles;
import java.nio.file.Path;

/**
 * The folder of the default H2 run history, made (or tightened to) 0700 before H2 creates its
 * files in it: H2 writes them with the process umask (often 0644), and the history holds every
 * run's findings, so only the auditor's user may enter the folder, as with the reports.
 */
final class HistoryFolder {
  private HistoryFolder() {}

  static void prepare(Path folder) {
    try {
      PrivateFiles.privateDirectory(folder);
    } catch (OutputNotWritableException e) {
      // Not ours to report here, before the command line is parsed: H2 names the same problem
      // when it opens the database, through the command's error handling.
    }
  }
}
