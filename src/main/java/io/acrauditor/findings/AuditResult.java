package io.acrauditor.findings;

import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.index.RegistryAccessPaths;
import java.util.List;

/**
 * Everything one audit produced: the input of every report writer. {@code comparison} is null
 * when the run was made without history. The access matrix is computed as the writers walk it.
 */
public record AuditResult(
    RunMetadata run,
    Summary summary,
    List<Finding> findings,
    List<EvaluationError> evaluationErrors,
    Coverage coverage,
    RegistryAccessPaths accessMatrix,
    List<AppliedRule> rules,
    RunComparison comparison) {}
