package io.acrauditor.batch;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.rules.EvaluationOutcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the steps of one run hand each other in memory: the request, the indexed inventory, the
 * findings as they are produced, and finally the result.
 */
public final class AuditSession {
  private final AuditRequest request;
  private volatile InventoryIndex index;
  private volatile String snapshotSha256;
  private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
  private final List<EvaluationError> errors = Collections.synchronizedList(new ArrayList<>());
  private volatile int subjects;
  private volatile AuditResult result;

  AuditSession(AuditRequest request) {
    this.request = request;
  }

  public AuditRequest request() {
    return request;
  }

  public InventoryIndex index() {
    if (index == null) {
      throw new IllegalStateException("the collect step has not run for " + request.runId());
    }
    return index;
  }

  void inventoryCollected(InventoryIndex index, String sha256) {
    this.index = index;
    this.snapshotSha256 = sha256;
  }

  public String snapshotSha256() {
    return snapshotSha256;
  }

  synchronized void accept(List<? extends EvaluationOutcome> outcomes) {
    for (EvaluationOutcome outcome : outcomes) {
      subjects++;
      findings.addAll(outcome.findings());
      errors.addAll(outcome.errors());
    }
  }

  List<Finding> findings() {
    return List.copyOf(findings);
  }

  List<EvaluationError> errors() {
    return List.copyOf(errors);
  }

  int subjects() {
    return subjects;
  }

  void finished(AuditResult result) {
    this.result = result;
  }

  /** The result once the report step has run; null before. */
  public AuditResult result() {
    return result;
  }
}
