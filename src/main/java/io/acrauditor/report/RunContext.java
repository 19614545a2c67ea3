package io.acrauditor.report;

import io.acrauditor.findings.RunMetadata;

/**
 * What a line of the line-per-finding formats says about its run, so that it can travel alone.
 * The audit time is when the run started reading the estate.
 */
record RunContext(String runId, String tenantId, String auditedAt, String toolVersion) {
  static RunContext of(RunMetadata run) {
    return run == null
        ? new RunContext(null, null, null, null)
        : new RunContext(run.runId(), run.tenantId(), run.startedAt(), run.toolVersion());
  }
}
