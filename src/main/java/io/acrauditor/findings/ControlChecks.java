package io.acrauditor.findings;

import java.util.List;

/**
 * One Microsoft cloud security benchmark control: the rules that reference it and their checks
 * added up ("PA-7: 6 rules, 51 checks, 6 failed"). A rule referencing two controls counts in both.
 */
public record ControlChecks(
    String control, String title, List<String> rules, int evaluated, int passed, int failed, int notAssessed, int waived) {}
