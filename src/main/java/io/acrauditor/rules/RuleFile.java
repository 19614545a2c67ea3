package io.acrauditor.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.acrauditor.findings.Reference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule file exactly as written, before any validation. Jackson binds it with unknown properties
 * refused, so a misspelt key is an error rather than a silently ignored line.
 */
record RuleFile(
    String id,
    String name,
    String title,
    String severity,
    String subject,
    LinkedHashMap<String, ParameterSpec> parameters,
    String condition,
    List<SeverityOverrideSpec> severityOverrides,
    String message,
    LinkedHashMap<String, Object> evidence,
    String rationale,
    RemediationSpec remediation,
    List<Reference> references,
    List<TestSpec> tests) {

  record ParameterSpec(@JsonProperty("default") Object defaultValue, String description) {}

  record SeverityOverrideSpec(String when, String severity) {}

  /** Each command is a string, or {@code {command: ..., disrupts: ...}} when running it disrupts something. */
  record RemediationSpec(String text, List<Object> commands) {}

  record TestSpec(
      String name,
      Map<String, Object> subject,
      Map<String, Object> params,
      String now,
      String expect,
      String severity,
      String messageContains) {}
}
