package io.acrauditor.batch;

import io.acrauditor.inventory.index.SubjectKind;
import io.acrauditor.rules.EvaluationOutcome;

/** One subject's outcome with its kind: the kind says which rules were applied, to count the passes. */
record EvaluatedSubject(SubjectKind kind, EvaluationOutcome outcome) {}
