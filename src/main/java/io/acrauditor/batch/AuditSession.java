package io.acrauditor.batch;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.inventory.SnapshotReader;
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
 * What the steps of one run hand each other. In one process they pass it in memory; after a
 * restart in a new process, each step's input is read back from the run folder.
 */
public final class AuditSession {
  private final AuditRequest request;
  private InventoryIndex index;
  private String snapshotSha256;
  private final List<Finding> findings = new ArrayList<>();
  private final List<EvaluationError> errors = new ArrayList<>();
  private int subjects;
  private boolean evaluated;
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
      inventoryCollected(InventoryIndex.of(new SnapshotReader().read(file)), sha256(file));
    }
    return index;
  }

  synchronized void inventoryCollected(InventoryIndex index, String sha256) {
    this.index = index;
    this.snapshotSha256 = sha256;
  }

  public synchronized String snapshotSha256() {
    index();
    return snapshotSha256;
  }

  synchronized void accept(List<? extends EvaluationOutcome> outcomes) {
    for (EvaluationOutcome outcome : outcomes) {
      subjects++;
      findings.addAll(outcome.findings());
      errors.addAll(outcome.errors());
    }
  }

  /** Called when the evaluate step ends: keeps its output for a restart of the report step. */
  synchronized void evaluationFinished() {
    evaluated = true;
    RunState.saveEvaluation(request.runFolder(), new RunState.Evaluation(findings, errors, subjects));
  }

  synchronized RunState.Evaluation evaluation() {
    if (!evaluated) {
      RunState.Evaluation saved = RunState.loadEvaluation(request.runFolder());
      findings.addAll(saved.findings());
      errors.addAll(saved.errors());
      subjects = saved.subjects();
      evaluated = true;
    }
    return new RunState.Evaluation(List.copyOf(findings), List.copyOf(errors), subjects);
  }

  synchronized void finished(AuditResult result) {
    this.result = result;
  }

  /** The result once the report step has run; null before. */
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
