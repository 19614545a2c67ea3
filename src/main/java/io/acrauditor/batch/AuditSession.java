package io.acrauditor.batch;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.CheckTally;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.inventory.index.SubjectKind;
import io.acrauditor.rules.CompiledRule;
import java.util.EnumMap;
import java.util.Map;
import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.rules.EvaluationOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the steps of one run hand each other. In one process they pass the index in memory and
 * the findings through the run folder; after a restart in a new process, each step's input is
 * read back from the run folder. The index and the findings are never both in memory: the index
 * is let go (see {@link #releaseIndex}) before the findings are read back for the report.
 */
public final class AuditSession {
  private final AuditRequest request;
  private InventoryIndex index;
  private String snapshotSha256;
  private FindingsFile findings;
  private final List<EvaluationError> errors = new ArrayList<>();
  private int subjects;
  private final CheckTally tally = new CheckTally();
  private final Map<SubjectKind, List<String>> appliedByKind = new EnumMap<>(SubjectKind.class);
  private AuditResult result;

  AuditSession(AuditRequest request) {
    this.request = request;
  }

  public AuditRequest request() {
    return request;
  }

  /** The indexed inventory: from the collect step, or read back from the run folder's snapshot. */
  public synchronized InventoryIndex index() {
    if (index == null) {
      Path file = RunState.snapshot(request.runFolder());
      inventoryCollected(InventoryIndex.read(file, file.toString()), sha256(file));
    }
    return index;
  }

  /** Lets the index go once nothing needs it; {@link #index()} would read the snapshot again. */
  synchronized void releaseIndex() {
    index = null;
  }

  synchronized void inventoryCollected(InventoryIndex index, String sha256) {
    this.index = index;
    this.snapshotSha256 = sha256;
  }

  public synchronized String snapshotSha256() {
    if (snapshotSha256 == null) {
      Path file = RunState.snapshot(request.runFolder());
      snapshotSha256 = sha256(file);
    }
    return snapshotSha256;
  }

  /** A chunk of the evaluate step: its findings go to the run folder, its errors stay here. */
  synchronized void accept(List<? extends EvaluatedSubject> evaluated) {
    FindingsFile out = findingsFile();
    for (EvaluatedSubject subject : evaluated) {
      EvaluationOutcome outcome = subject.outcome();
      subjects++;
      out.append(outcome.findings());
      errors.addAll(outcome.errors());
      tally.subject(appliedRules(subject.kind()), outcome.findings(), outcome.notAssessed(), outcome.errors());
    }
  }

  private List<String> appliedRules(SubjectKind kind) {
    return appliedByKind.computeIfAbsent(kind, k -> {
      List<CompiledRule> rules = request.rules().rulesFor(k);
      return rules == null ? List.of() : rules.stream().map(CompiledRule::id).toList();
    });
  }

  /** Called when the evaluate step ends: keeps its output for the report step, here or after a restart. */
  synchronized void evaluationFinished() {
    FindingsFile out = findingsFile(); // created here when there was no subject at all
    out.close();
    RunState.saveEvaluation(request.runFolder(), new RunState.EvaluationSummary(errors, subjects, out.count(), tally.checks()));
  }

  /** This run's findings file, started afresh by the first chunk of the evaluate step. */
  private FindingsFile findingsFile() {
    if (findings == null) {
      findings = FindingsFile.create(RunState.findings(request.runFolder()));
    }
    return findings;
  }

  /** The evaluation, read back from the run folder: call it once the index is let go. */
  synchronized RunState.Evaluation evaluation() {
    return RunState.loadEvaluation(request.runFolder());
  }

  synchronized void finished(AuditResult result) {
    this.result = result;
  }

  /**
   * The result once the report step has run; null before. Its access matrix was read from the run
   * state, which is gone once the report is written: the reports hold it.
   */
  public synchronized AuditResult result() {
    return result;
  }

  private static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
