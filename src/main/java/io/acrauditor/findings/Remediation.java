package io.acrauditor.findings;

import java.util.List;

/** What to do about a finding: prose, and the {@code az} commands that fix it. */
public record Remediation(String text, List<String> commands) {}
