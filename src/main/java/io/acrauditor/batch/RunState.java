package io.acrauditor.batch;

import io.acrauditor.files.AtomicFiles;
import io.acrauditor.files.PrivateFiles;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.RuleChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a finished step leaves for the next one in the run folder, so that a failed run restarts
 * from the failed step in a new process: the snapshot (written by collect) and the evaluation
 * (written by evaluate: its findings line by line, then its errors and counts). The state folder
 * is removed once the report is written.
 */
final class RunState {
  static final String SNAPSHOT = "snapshot.json";
  private static final String STATE_DIR = ".state";
  private static final String EVALUATION = "evaluation.json";
  private static final String FINDINGS = "findings.jsonl";
  private static final String ACCESS_MATRIX = "access-matrix.jsonl";
  /** State read back is held to the evidence's rule: a key twice is an error, not the last value. */
  private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** The evaluate step's output. */
  record Evaluation(List<Finding> findings, List<EvaluationError> errors, int subjects, List<RuleChecks> checks) {}

  /**
   * What the evaluate step keeps beside its findings file; {@code checks} are the passes and
   * failures it counted, which a restarted report step could not count again.
   */
  record EvaluationSummary(List<EvaluationError> errors, int subjects, int findings, List<RuleChecks> checks) {}

  private RunState() {}

  static Path snapshot(Path runFolder) {
    return runFolder.resolve(SNAPSHOT);
  }

  /** Where the partitions of a live collection keep the subscription list and their parts. */
  static Path partitions(Path runFolder) {
    return stateFolder(runFolder, "partitions");
  }

  /** The evaluate step's findings, appended chunk by chunk. */
  static Path findings(Path runFolder) {
    return stateFolder(runFolder).resolve(FINDINGS);
  }

  /** The access matrix, written by the report step before it lets the index go. */
  static Path accessMatrix(Path runFolder) {
    return stateFolder(runFolder).resolve(ACCESS_MATRIX);
  }

  /**
   * The state folder, created 0700 or checked to be a real folder of this user: never a link
   * that would carry the run's state elsewhere. {@code below} names folders inside it.
   */
  static Path stateFolder(Path runFolder, String... below) {
    String[] names = new String[below.length + 1];
    names[0] = STATE_DIR;
    System.arraycopy(below, 0, names, 1, below.length);
    return PrivateFiles.directoryIn(runFolder, names);
  }

  static void saveEvaluation(Path runFolder, EvaluationSummary evaluation) {
    AtomicFiles.write(stateFolder(runFolder).resolve(EVALUATION), JSON.writeValueAsBytes(evaluation));
  }

  static Evaluation loadEvaluation(Path runFolder) {
    Path file = runFolder.resolve(STATE_DIR).resolve(EVALUATION);
    if (!PrivateFiles.isRegularFile(file)) {
      throw new IllegalStateException("the evaluation of this run is missing (" + file + "); run the audit again");
    }
    EvaluationSummary summary = JSON.readValue(file.toFile(), EvaluationSummary.class);
    return new Evaluation(FindingsFile.read(findings(runFolder), summary.findings()), summary.errors(), summary.subjects(),
        summary.checks() == null ? List.of() : summary.checks());
  }

  static void clear(Path runFolder) {
    Path dir = runFolder.resolve(STATE_DIR);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }
}
