package io.acrauditor.findings;

/**
 * How one rule fared over the subjects it applies to. {@code evaluated} = {@code passed} +
 * {@code failed} + {@code notAssessed} + {@code waived}. Not assessed: the rule could not decide
 * (what it reads is behind a coverage gap, or it errored on the subject); never counted as passed.
 * {@code waived}: failed checks whose findings all carry a waiver that applies ({@link WaivedChecks});
 * they are no longer counted in {@code failed}.
 */
public record RuleChecks(String ruleId, int evaluated, int passed, int failed, int notAssessed, int waived) {}
