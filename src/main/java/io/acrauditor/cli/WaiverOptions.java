package io.acrauditor.cli;

import io.acrauditor.findings.WaiverFiles;
import io.acrauditor.findings.Waivers;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code audit}'s accepted risks: which waiver files, and how far ahead a waiver may expire. */
public class WaiverOptions {
  @Option(names = "--waivers", paramLabel = "FILE",
      description = "Accepted risks (YAML, a top-level 'waivers:' list; repeatable): a waived finding is not counted "
          + "in the gate. See docs/examples/waivers.yaml.")
  List<Path> files = List.of();

  @Option(names = "--max-waiver-days", paramLabel = "DAYS", defaultValue = "" + WaiverFiles.DEFAULT_MAX_DAYS,
      description = "Refuse a waiver that expires more than this many days after today (default: ${DEFAULT-VALUE}).")
  int maxDays;

  @Option(names = "--write-waivers-template", paramLabel = "FILE",
      description = "After the audit, write a waiver file with a waiver for each finding no waiver covers, "
          + "reasons left empty, for a reviewer to fill in and pass to --waivers.")
  Path template;

  /** The waivers, judged on {@code today}; a bad file stops the command (exit 2) naming file and line. */
  Waivers load(LocalDate today) {
    return files.isEmpty() ? Waivers.none(today) : WaiverFiles.load(files, today, maxDays);
  }

  boolean given() {
    return !files.isEmpty();
  }
}
