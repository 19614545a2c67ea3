package io.acrauditor.findings;

import java.util.Map;

/**
 * What a reader needs to reproduce or trust a run: the tool, the exact rules (digest of the
 * catalogue), the exact evidence (SHA-256 of the snapshot), the log window and the parameters.
 */
public record RunMetadata(
    String runId,
    String toolVersion,
    String startedAt,
    String finishedAt,
    String tenantId,
    String snapshotSource,
    String snapshotGeneratedAt,
    String snapshotSha256,
    String ruleCatalogDigest,
    String logWindowStart,
    String logWindowEnd,
    Map<String, Object> parameters) {}
