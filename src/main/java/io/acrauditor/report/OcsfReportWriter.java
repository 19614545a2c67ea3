package io.acrauditor.report;

import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Reference;
import io.acrauditor.findings.Remediation;
import io.acrauditor.findings.RunComparison.FindingHistory;
import io.acrauditor.findings.RunComparison.PastFinding;
import io.acrauditor.findings.RunMetadata;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.index.SubjectRef;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code findings.ocsf.jsonl}: one OCSF 1.8.0 Detection Finding (class 2004, category Findings)
 * per line, for Microsoft Sentinel, Amazon Security Lake, Splunk and other SIEMs that take OCSF.
 * The findings of this run in report order, then those of the previous run that are resolved.
 *
 * <p>How the audit maps onto the class: {@code finding_info.uid} is the fingerprint (the same
 * from run to run), {@code finding_info.analytic} the rule; {@code activity_id} Create for a new
 * finding, Update for one still open, Close for a resolved one; {@code status_id} New, In
 * Progress (still open), Suppressed (a waiver applies; {@code comment} says who accepted it, why
 * and until when) or Resolved. The event applies the {@code cloud} profile: {@code
 * cloud.account} is the subscription. {@code time} is when the run finished. The evidence, which
 * no OCSF attribute of this class holds as plain values, goes to {@code unmapped.evidence}.
 */
public final class OcsfReportWriter implements ReportWriter {
  public static final String FILE_NAME = "findings.ocsf.jsonl";
  static final String OCSF_VERSION = "1.8.0";

  static final int CLASS_UID = 2004;
  static final int CATEGORY_UID = 2;
  static final int ACTIVITY_CREATE = 1;
  static final int ACTIVITY_UPDATE = 2;
  static final int ACTIVITY_CLOSE = 3;
  static final int STATUS_NEW = 1;
  static final int STATUS_IN_PROGRESS = 2;
  static final int STATUS_SUPPRESSED = 3;
  static final int STATUS_RESOLVED = 4;
  /** {@code account.type_id} 13: Azure Subscription. */
  static final int ACCOUNT_AZURE_SUBSCRIPTION = 13;
  /** {@code analytic.type_id} 1: Rule. */
  static final int ANALYTIC_RULE = 1;

  @Override
  public String fileName() {
    return FILE_NAME;
  }

  @Override
  public void write(AuditResult result, OutputStream out) throws IOException {
    Context context = Context.of(result);
    JsonStreams.writeLines(FILE_NAME, out, Stream.concat(
        FindingsDocument.reportedFindings(result).stream().map(f -> event(context, f)),
        FindingsDocument.resolvedFindings(result).stream().map(p -> event(context, p))));
  }

  // ---- the event's shape (OCSF attribute names, snake case)

  record Event(
      int activity_id,
      String activity_name,
      int category_uid,
      String category_name,
      int class_uid,
      String class_name,
      long type_uid,
      String type_name,
      int severity_id,
      String severity,
      Integer status_id,
      String status,
      long time,
      String message,
      String comment,
      Boolean is_alert,
      Metadata metadata,
      Cloud cloud,
      FindingInfo finding_info,
      List<Resource> resources,
      OcsfRemediation remediation,
      Map<String, Object> unmapped) {}

  record Metadata(
      String version, Product product, List<String> profiles, String log_name, String correlation_uid,
      String tenant_uid) {}

  record Product(String name, String vendor_name, String version) {}

  record Cloud(String provider, Account account) {}

  record Account(String uid, int type_id, String type) {}

  record FindingInfo(
      String uid, String title, String desc, Long first_seen_time, List<String> types, Analytic analytic) {}

  record Analytic(String uid, String name, int type_id, String type) {}

  record Resource(String uid, String name, String type) {}

  record OcsfRemediation(String desc, List<String> references) {}

  // ---- mapping

  /** What every event of the run shares, and the rules by id (for descriptions and remediation). */
  private record Context(RunMetadata run, long time, Metadata metadata, Map<String, AppliedRule> rules) {
    static Context of(AuditResult result) {
      RunMetadata run = result.run();
      Long finished = run == null ? null : millis(run.finishedAt());
      Long started = run == null ? null : millis(run.startedAt());
      long time = finished != null ? finished : started != null ? started : 0L;
      Metadata metadata = new Metadata(
          OCSF_VERSION,
          new Product(SarifReportWriter.TOOL_NAME, "ACR Access Auditor", run == null ? null : run.toolVersion()),
          List.of("cloud"),
          "acr-auditor",
          run == null ? null : run.runId(),
          run == null ? null : run.tenantId());
      Map<String, AppliedRule> rules = new HashMap<>();
      for (AppliedRule r : result.rules() == null ? List.<AppliedRule>of() : result.rules()) {
        rules.putIfAbsent(r.id(), r);
      }
      return new Context(run, time, metadata, rules);
    }
  }

  private static Event event(Context c, ReportedFinding f) {
    SubjectRef s = f.subject() == null ? new SubjectRef(null, null, null, null, null, null) : f.subject();
    boolean open = FindingHistory.OPEN.equals(f.status());
    boolean isNew = FindingHistory.NEW.equals(f.status());
    int activity = open ? ACTIVITY_UPDATE : ACTIVITY_CREATE;
    Integer status = f.isWaived() ? Integer.valueOf(STATUS_SUPPRESSED)
        : open ? Integer.valueOf(STATUS_IN_PROGRESS) : isNew ? Integer.valueOf(STATUS_NEW) : null;
    AppliedRule rule = c.rules().get(f.ruleId());
    return new Event(
        activity, activityName(activity), CATEGORY_UID, "Findings", CLASS_UID, "Detection Finding",
        CLASS_UID * 100L + activity, "Detection Finding: " + activityName(activity),
        severityId(f.severity()), severityName(f.severity()),
        status, status == null ? null : statusName(status),
        c.time(), f.message(), comment(f.waiver()), !f.isWaived(), c.metadata(), cloud(s.subscriptionId()),
        new FindingInfo(f.fingerprint(), f.title(), f.message(), millis(f.firstSeen()), types(s.kind()),
            new Analytic(f.ruleId(), f.title(), ANALYTIC_RULE, "Rule")),
        List.of(new Resource(s.resourceId(), s.name(), resourceType(s.resourceId(), s.kind()))),
        remediation(f.remediation(), f.references() != null ? f.references() : rule == null ? null : rule.references()),
        f.evidence() == null || f.evidence().isEmpty() ? null : Map.of("evidence", f.evidence()));
  }

  private static Event event(Context c, PastFinding p) {
    AppliedRule rule = c.rules().get(p.ruleId());
    String subscription = AzureIds.subscriptionOf(p.resourceId());
    return new Event(
        ACTIVITY_CLOSE, activityName(ACTIVITY_CLOSE), CATEGORY_UID, "Findings", CLASS_UID, "Detection Finding",
        CLASS_UID * 100L + ACTIVITY_CLOSE, "Detection Finding: " + activityName(ACTIVITY_CLOSE),
        severityId(p.severity()), severityName(p.severity()),
        STATUS_RESOLVED, statusName(STATUS_RESOLVED),
        c.time(), p.title() + " (resolved)", null, false, c.metadata(), cloud(subscription),
        new FindingInfo(p.fingerprint(), p.title(), rule == null ? null : rule.rationale(), millis(p.firstSeen()),
            types(rule == null ? null : rule.subject()), new Analytic(p.ruleId(), p.title(), ANALYTIC_RULE, "Rule")),
        List.of(new Resource(p.resourceId(), p.subjectName(), resourceType(p.resourceId(), rule == null ? null : rule.subject()))),
        rule == null ? null : remediation(rule.remediation(), rule.references()),
        null);
  }

  /** The waiver, as OCSF's user comment on a finding: who accepted it, why, until when. */
  private static String comment(WaiverNote waiver) {
    if (waiver == null) {
      return null;
    }
    String what = waiver.applies() ? "Risk " + waiver.kind() : "Waiver expired";
    return what + " by " + waiver.approvedBy() + " until " + waiver.expires() + ": " + waiver.reason()
        + (waiver.ticket() == null || waiver.ticket().isBlank() ? "" : " (" + waiver.ticket() + ")");
  }

  private static Cloud cloud(String subscriptionId) {
    return new Cloud("Azure", subscriptionId == null ? null : new Account(subscriptionId, ACCOUNT_AZURE_SUBSCRIPTION, "Azure Subscription"));
  }

  private static List<String> types(String subjectKind) {
    List<String> types = new ArrayList<>(List.of("Azure Container Registry access"));
    if (subjectKind != null) {
      types.add(subjectKind);
    }
    return types;
  }

  /** {@code remediation.desc} is required: the text, then the commands that fix it. */
  private static OcsfRemediation remediation(Remediation remediation, List<Reference> references) {
    if (remediation == null || remediation.text() == null || remediation.text().isBlank()) {
      return null;
    }
    StringBuilder desc = new StringBuilder(remediation.text().strip());
    for (String command : remediation.commands() == null ? List.<String>of() : remediation.commands()) {
      desc.append("\n").append(command);
    }
    List<String> urls = new ArrayList<>();
    for (Reference r : references == null ? List.<Reference>of() : references) {
      if (r.url() != null && r.url().toLowerCase(Locale.ROOT).startsWith("https://")) {
        urls.add(r.url());
      }
    }
    return new OcsfRemediation(desc.toString(), urls.isEmpty() ? null : urls);
  }

  /**
   * The ARM resource type of an id ({@code Microsoft.ContainerRegistry/registries/tokens}); for
   * what is not an ARM resource (an Entra ID principal, a coverage scope) the subject kind.
   */
  static String resourceType(String resourceId, String subjectKind) {
    if (resourceId != null) {
      String[] parts = resourceId.split("/");
      int provider = -1;
      for (int i = 0; i < parts.length - 1; i++) {
        if (parts[i].equalsIgnoreCase("providers")) {
          provider = i + 1;
        }
      }
      if (provider > 0) {
        StringBuilder type = new StringBuilder(parts[provider]);
        for (int i = provider + 1; i < parts.length; i += 2) {
          type.append('/').append(parts[i]);
        }
        return type.toString();
      }
      if (parts.length == 3 && parts[1].equalsIgnoreCase("subscriptions")) {
        return "Microsoft.Resources/subscriptions";
      }
    }
    return subjectKind;
  }

  static int severityId(Severity severity) {
    if (severity == null) {
      return 0;
    }
    return switch (severity) {
      case CRITICAL -> 5;
      case HIGH -> 4;
      case MEDIUM -> 3;
      case LOW -> 2;
      case INFO -> 1;
    };
  }

  private static String severityName(Severity severity) {
    return switch (severityId(severity)) {
      case 5 -> "Critical";
      case 4 -> "High";
      case 3 -> "Medium";
      case 2 -> "Low";
      case 1 -> "Informational";
      default -> "Unknown";
    };
  }

  private static String activityName(int activity) {
    return switch (activity) {
      case ACTIVITY_CREATE -> "Create";
      case ACTIVITY_UPDATE -> "Update";
      default -> "Close";
    };
  }

  private static String statusName(int status) {
    return switch (status) {
      case STATUS_NEW -> "New";
      case STATUS_IN_PROGRESS -> "In Progress";
      case STATUS_SUPPRESSED -> "Suppressed";
      default -> "Resolved";
    };
  }

  /** OCSF timestamps are milliseconds since the epoch; null when absent or unreadable. */
  static Long millis(String timestamp) {
    Instant instant = ReportOrder.instant(timestamp);
    return instant == null ? null : instant.toEpochMilli();
  }
}
