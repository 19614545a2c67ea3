package io.acrauditor.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Reference;
import io.acrauditor.findings.Remediation;
import io.acrauditor.findings.RunComparison.FindingHistory;
import io.acrauditor.findings.RunMetadata;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.index.SubjectRef;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;

/**
 * {@code findings.sarif}: the findings as SARIF 2.1.0 (OASIS, Errata 01), for GitHub code
 * scanning, Azure DevOps and SARIF viewers. One run; the driver lists every rule applied; one
 * result per finding, its resource id as a logical location ({@code kind: resource}).
 *
 * <p>Severity as GitHub reads it, {@code properties.security-severity} on each rule (a CVSS-like
 * score: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low): critical 9.5,
 * high 8.0, medium 5.5, low 2.0; info has none, so GitHub shows it by its level only. The SARIF
 * {@code level}: critical and high {@code error}, medium {@code warning}, low and info {@code
 * note}.
 *
 * <p>GitHub code scanning files every result under a file path, so each result also has a
 * physical location whose URI is the resource id as a relative path: alerts group by resource.
 * Results carry the finding's fingerprint in {@code partialFingerprints}, so an alert follows its
 * finding from run to run, and {@code baselineState} ({@code new} or {@code unchanged}) when the
 * run was compared with the previous one, and a waived finding a {@code suppressions} entry
 * ({@code external}, {@code accepted}) with the waiver's justification.
 *
 * <p>The document is streamed: the rules, then one result at a time.
 */
public final class SarifReportWriter implements ReportWriter {
  public static final String FILE_NAME = "findings.sarif";
  static final String SCHEMA_URI =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  static final String TOOL_NAME = "ACR Access Auditor";
  static final String FINGERPRINT_KEY = "acrAuditorFingerprint/v1";

  @Override
  public String fileName() {
    return FILE_NAME;
  }

  @Override
  public void write(AuditResult result, OutputStream out) throws IOException {
    JsonStreams.write(FILE_NAME, () -> {
      try (JsonGenerator g = ReportJson.MAPPER.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(out)) {
        writeDocument(result, g);
      }
    });
    out.write('\n');
  }

  private static void writeDocument(AuditResult result, JsonGenerator g) {
    RunMetadata run = result.run();
    List<ReportedFinding> findings = FindingsDocument.reportedFindings(result);
    List<Rule> rules = rules(result, findings);
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      ruleIndex.putIfAbsent(rules.get(i).id(), i);
    }
    g.writeStartObject();
    g.writeStringProperty("$schema", SCHEMA_URI);
    g.writeStringProperty("version", "2.1.0");
    g.writeArrayPropertyStart("runs");
    g.writeStartObject();
    g.writePOJOProperty("tool", Map.of("driver", new Driver(TOOL_NAME, run == null ? null : run.toolVersion(), rules)));
    if (run != null) {
      // GitHub keeps one set of alerts per category (this id up to its last slash).
      g.writePOJOProperty("automationDetails", Map.of("id", "acr-auditor/" + run.runId()));
      g.writePOJOProperty("invocations", List.of(new Invocation(true, run.startedAt(), run.finishedAt())));
    }
    g.writeArrayPropertyStart("results");
    for (ReportedFinding f : findings) {
      g.writePOJO(result(f, ruleIndex.get(f.ruleId())));
    }
    g.writeEndArray();
    if (run != null) {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("runId", run.runId());
      properties.put("tenantId", run.tenantId());
      properties.put("snapshotSha256", run.snapshotSha256());
      properties.put("ruleCatalogDigest", run.ruleCatalogDigest());
      g.writePOJOProperty("properties", properties);
    }
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  // ---- rules

  record Text(String text) {}

  record Driver(String name, String version, List<Rule> rules) {}

  record Rule(
      String id,
      String name,
      Text shortDescription,
      Text fullDescription,
      Text help,
      String helpUri,
      Map<String, String> defaultConfiguration,
      RuleProperties properties) {}

  record RuleProperties(
      List<String> tags,
      @JsonProperty("security-severity") String securitySeverity,
      String severity,
      String precision) {}

  /** Every rule applied, then any rule a finding names that the catalogue did not list. */
  private static List<Rule> rules(AuditResult result, List<ReportedFinding> findings) {
    List<Rule> rules = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    Map<String, Remediation> fromFindings = new LinkedHashMap<>();
    for (ReportedFinding f : findings) {
      if (f.ruleId() != null && f.remediation() != null) {
        // Its text only: a finding's commands name that finding's resource.
        fromFindings.putIfAbsent(f.ruleId(), new Remediation(f.remediation().text(), List.of()));
      }
    }
    for (AppliedRule r : ReportOrder.sorted(result.rules(), ReportOrder.RULE)) {
      if (r.id() != null && seen.putIfAbsent(r.id(), true) == null) {
        // A rule known only by its appendix entry borrows the remediation of one of its findings.
        Remediation remediation = r.remediation() != null ? r.remediation() : fromFindings.get(r.id());
        rules.add(rule(r.id(), r.title(), r.severity(), r.rationale(), remediation, r.references()));
      }
    }
    for (ReportedFinding f : findings) {
      if (f.ruleId() != null && seen.putIfAbsent(f.ruleId(), true) == null) {
        rules.add(rule(f.ruleId(), f.title(), f.severity(), null, f.remediation(), f.references()));
      }
    }
    return rules;
  }

  private static Rule rule(
      String id, String title, Severity severity, String rationale, Remediation remediation, List<Reference> refs) {
    String shortText = title == null ? id : title;
    List<String> tags = new ArrayList<>(List.of("security"));
    String helpUri = null;
    for (Reference ref : refs == null ? List.<Reference>of() : refs) {
      if ("mcsb".equalsIgnoreCase(ref.kind()) && ref.id() != null) {
        tags.add("MCSB " + ref.id());
      } else if (helpUri == null && "guidance".equalsIgnoreCase(ref.kind()) && isWebLink(ref.url())) {
        helpUri = ref.url();
      }
    }
    return new Rule(
        id,
        pascalCase(shortText),
        new Text(shortText),
        new Text(rationale == null || rationale.isBlank() ? shortText : rationale.strip()),
        new Text(help(rationale, remediation, helpUri)),
        helpUri,
        Map.of("level", level(severity)),
        new RuleProperties(tags, securitySeverity(severity), severity == null ? null : severity.label(), "high"));
  }

  private static String help(String rationale, Remediation remediation, String helpUri) {
    StringBuilder help = new StringBuilder();
    if (rationale != null && !rationale.isBlank()) {
      help.append(rationale.strip()).append("\n\n");
    }
    if (remediation != null && remediation.text() != null && !remediation.text().isBlank()) {
      help.append("Remediation: ").append(remediation.text().strip()).append('\n');
    }
    if (remediation != null && remediation.commands() != null) {
      for (String command : remediation.commands()) {
        help.append("  ").append(command).append('\n');
      }
    }
    if (helpUri != null) {
      help.append("\nSee ").append(helpUri).append('\n');
    }
    return help.isEmpty() ? "No guidance recorded for this rule." : help.toString().strip();
  }

  static String level(Severity severity) {
    if (severity == null) {
      return "warning";
    }
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  static String securitySeverity(Severity severity) {
    if (severity == null) {
      return null;
    }
    return switch (severity) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "2.0";
      case INFO -> null;
    };
  }

  /** SARIF's {@code name} is an identifier: "Registry admin user is enabled" gives RegistryAdminUserIsEnabled. */
  static String pascalCase(String title) {
    StringBuilder name = new StringBuilder();
    for (String word : title.split("[^\\p{Alnum}]+")) {
      if (!word.isEmpty()) {
        name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return name.isEmpty() ? "Rule" : name.toString();
  }

  private static boolean isWebLink(String url) {
    return url != null && url.toLowerCase(Locale.ROOT).startsWith("https://");
  }

  // ---- results

  record Invocation(boolean executionSuccessful, String startTimeUtc, String endTimeUtc) {}

  record Result(
      String ruleId,
      Integer ruleIndex,
      String level,
      Text message,
      List<Location> locations,
      Map<String, String> partialFingerprints,
      String baselineState,
      List<Suppression> suppressions,
      ResultProperties properties) {}

  /** A waiver that applies: SARIF viewers and GitHub show the result as suppressed (dismissed). */
  record Suppression(String kind, String status, String justification) {}

  record Location(PhysicalLocation physicalLocation, List<LogicalLocation> logicalLocations) {}

  record PhysicalLocation(Map<String, String> artifactLocation) {}

  record LogicalLocation(String name, String fullyQualifiedName, String kind) {}

  record ResultProperties(
      String severity, String subjectKind, String subscriptionId, String resourceGroup, String firstSeen,
      Map<String, Object> evidence) {}

  private static Result result(ReportedFinding f, Integer ruleIndex) {
    SubjectRef s = f.subject();
    String resourceId = s == null ? null : s.resourceId();
    List<Location> locations = resourceId == null
        ? null
        : List.of(new Location(
            new PhysicalLocation(Map.of("uri", artifactUri(resourceId))),
            List.of(new LogicalLocation(s.name(), resourceId, "resource"))));
    return new Result(
        f.ruleId(),
        ruleIndex,
        level(f.severity()),
        new Text(SarifText.plain(f.message() == null ? f.title() : f.message())),
        locations,
        f.fingerprint() == null ? null : Map.of(FINGERPRINT_KEY, f.fingerprint()),
        baselineState(f.status()),
        f.isWaived() ? List.of(new Suppression("external", "accepted", justification(f.waiver()))) : null,
        new ResultProperties(
            f.severity() == null ? null : f.severity().label(),
            s == null ? null : s.kind(),
            s == null ? null : s.subscriptionId(),
            s == null ? null : s.resourceGroup(),
            f.firstSeen(),
            f.evidence() == null || f.evidence().isEmpty() ? null : f.evidence()));
  }

  private static String justification(WaiverNote waiver) {
    return waiver.reason() + " (" + waiver.kind() + " by " + waiver.approvedBy() + " until " + waiver.expires()
        + (waiver.ticket() == null || waiver.ticket().isBlank() ? "" : ", " + waiver.ticket()) + ")";
  }

  private static String baselineState(String status) {
    if (FindingHistory.NEW.equals(status)) {
      return "new";
    }
    return FindingHistory.OPEN.equals(status) ? "unchanged" : null;
  }

  /**
   * The resource id as a relative URI reference: without its leading slash, every character
   * outside the unreserved set and {@code /} percent-encoded (a coverage gap's id may hold a
   * {@code #}, a display name spaces).
   */
  static String artifactUri(String resourceId) {
    String path = resourceId.startsWith("/") ? resourceId.substring(1) : resourceId;
    StringBuilder uri = new StringBuilder(path.length() + 8);
    for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
        uri.append(c);
      } else {
        uri.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return uri.toString();
  }
}
