package io.acrauditor.findings;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A waiver file pre-filled with a run's findings that no waiver covers today, for a reviewer to
 * edit rather than type fingerprints: rule, subject and fingerprint filled in, {@code reason},
 * {@code approvedBy} and {@code expires} left empty. Until they are filled in, {@link WaiverFiles}
 * refuses the file, naming the first empty field, so a template cannot waive anything by itself.
 */
public final class WaiverTemplate {
  // A JSON string is a YAML double-quoted scalar: any name comes through quoted and escaped.
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WaiverTemplate() {}

  public static String render(List<Finding> findings, Waivers waivers, String runId) {
    StringBuilder yaml = new StringBuilder()
        .append("# Accepted risks: a waiver for each finding of run ").append(runId).append(" that no waiver covers.\n")
        .append("# Keep the risks you accept, fill in reason, approvedBy and expires (YYYY-MM-DD, at most 365 days\n")
        .append("# ahead), optionally ticket and kind (accepted or mitigated); delete the rest. Then pass the file\n")
        .append("# to audit --waivers. Schema: schema/waivers.schema.json in the jar.\n")
        .append("waivers:\n");
    int written = 0;
    for (Finding f : findings) {
      if (waivers.applying(f).isPresent()) {
        continue;
      }
      written++;
      yaml.append("  # ").append(oneLine(f.severity() == null ? "" : f.severity().label())).append(": ")
          .append(oneLine(f.message() == null ? f.title() : f.message())).append('\n')
          .append("  - rule: ").append(quoted(f.ruleId())).append('\n');
      if (f.subject() != null && f.subject().resourceId() != null) {
        yaml.append("    subject: ").append(quoted(f.subject().resourceId())).append('\n');
      }
      yaml.append("    fingerprint: ").append(quoted(f.fingerprint())).append('\n')
          .append("    reason: \"\"\n")
          .append("    approvedBy: \"\"\n")
          .append("    ticket: \"\"\n")
          .append("    expires: \"\"\n")
          .append("    kind: accepted\n");
    }
    if (written == 0) {
      yaml.setLength(yaml.length() - 1);
      yaml.append(" []\n");
    }
    return yaml.toString();
  }

  private static String quoted(String value) {
    return JSON.writeValueAsString(value);
  }

  /** A comment ends at a line break: a message with one must not start YAML of its own. */
  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
  }
}
