package io.acrauditor.cli;

import io.acrauditor.batch.AuditRequest;
import io.acrauditor.batch.AuditRunner;
import io.acrauditor.collect.AzureClients;
import io.acrauditor.collect.DemoEstateInput;
import io.acrauditor.collect.LiveAzureInput;
import io.acrauditor.collect.SnapshotFileInput;
import io.acrauditor.collect.SnapshotInput;
import io.acrauditor.files.AtomicFiles;
import io.acrauditor.files.PrivateFiles;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.GateDecision;
import io.acrauditor.findings.Severity;
import io.acrauditor.findings.WaiverTemplate;
import io.acrauditor.findings.Waivers;
import io.acrauditor.history.JdbcUrls;
import io.acrauditor.history.RunOwnership;
import io.acrauditor.report.ReportFormat;
import io.acrauditor.report.ReportOptions;
import io.acrauditor.rules.RuleCatalog;
import io.acrauditor.rules.RuleLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.ObjectProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code acr-auditor audit}: collect (or read) an inventory, evaluate every rule, write the reports. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Audits an inventory and writes findings.json, report.html, report.pdf (or the formats --format names) and the "
          + "audited snapshot.json into a run folder.",
      "The inventory is the bundled demo estate (--demo), a snapshot file (--snapshot), or live Azure "
          + "(--subscription/--all-subscriptions, read-only; the collected snapshot is kept in the run folder)."
    },
    exitCodeListHeading = ExitCodes.LIST_HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE, ExitCodes.FINDINGS_LINE, ExitCodes.BAD_INPUT_LINE, ExitCodes.INFRASTRUCTURE_LINE
    })
public class AuditCommand implements Callable<Integer> {
  private static final Logger SUMMARY_LOG = LoggerFactory.getLogger("io.acrauditor.audit");
  private static final DateTimeFormatter RUN_FOLDER =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  static class Input {
    @Option(names = "--demo", required = true, description = "Audit the bundled demo estate; no Azure account needed.")
    boolean demo;

    @Option(names = "--snapshot", required = true, paramLabel = "FILE",
        description = "Audit an inventory snapshot written by 'collect' (or by hand).")
    Path snapshot;

    @ArgGroup(exclusive = true, multiplicity = "1")
    SubscriptionScope live;

    @Option(names = "--restart", required = true, paramLabel = "RUN_ID",
        description = "Resume a failed or interrupted (killed) run from the step it stopped in, without collecting "
            + "again.")
    String restart;

    @Option(names = "--list-runs", required = true,
        description = "List the latest runs in the run history: run id, status, start time, last step, input.")
    boolean listRuns;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Mixin AzureScopeOptions azure;

  @Mixin HistoryOptions historyOptions;

  @Mixin WaiverOptions waiverOptions;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Run folder for the outputs (default: <UTC timestamp> under $ACR_AUDITOR_REPORTS_DIR, else out/).")
  Path out;

  @Option(names = "--force",
      description = "Write into an --out folder that already holds files (files of the same name are replaced); "
          + "without it such a folder is refused, so an earlier run's evidence is never overwritten.")
  boolean force;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "${env:ACR_AUDITOR_FAIL_ON:-high}",
      description = "Exit 1 when a finding is at or above this severity: critical, high, medium, low, info "
          + "(default: ${DEFAULT-VALUE}; env ACR_AUDITOR_FAIL_ON).")
  String failOn;

  @Option(names = "--fail-on-new",
      description = "Exit 1 only for findings at or above --fail-on that are new since the previous run of this scope.")
  boolean failOnNew;

  @Option(names = "--rules", paramLabel = "DIR",
      description = "Extra rule directory (repeatable); a rule with a built-in id overrides it.")
  List<Path> ruleDirs = List.of();

  @Option(names = "--templates", paramLabel = "DIR",
      description = "Report template directory; a template there overrides the built-in one of the same name.")
  Path templates;

  @Option(names = "--format", paramLabel = "LIST", defaultValue = ReportFormat.DEFAULT,
      description = "Files to write, comma-separated: html (report.html), pdf (report.pdf), json (findings.json, "
          + "always written), sarif (findings.sarif), ocsf (findings.ocsf.jsonl), csv (findings.csv), "
          + "jsonl (findings.jsonl) (default: ${DEFAULT-VALUE}).")
  String formats;

  @Option(names = "--classification", paramLabel = "TEXT", defaultValue = ReportOptions.DEFAULT_CLASSIFICATION,
      description = "Marking in the report header and on every PDF page (default: ${DEFAULT-VALUE}).")
  String classification;

  @Option(names = "--param", paramLabel = "KEY=VALUE",
      description = "Rule parameter, as <subject>.<name> (e.g. token.expiringSoonDays=14) or <RULE-ID>.<name>.")
  Map<String, String> params = new LinkedHashMap<>();

  @Spec CommandSpec spec;

  private final AuditRunner runner;
  private final ObjectProvider<AzureClients> clients;

  AuditCommand(AuditRunner runner, ObjectProvider<AzureClients> clients) {
    this.runner = runner;
    this.clients = clients;
  }

  @Override
  public Integer call() {
    recoverAbandoned();
    if (input.listRuns) {
      new RunListPrinter(spec.commandLine().getOut()).print(runner.recentRuns(RunListPrinter.LIMIT));
      return ExitCodes.OK;
    }
    if (input.restart != null) {
      return restart(input.restart);
    }
    // Milliseconds: every database keeps them, so a first-seen time reads back exactly as written.
    Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Path runFolder = out != null ? out : ReportsRoot.path().resolve(RUN_FOLDER.format(started));
    if (!force && !PrivateFiles.isAbsentOrEmpty(runFolder)) {
      throw new ParameterException(spec.commandLine(), (out != null ? "--out: " : "run folder ") + runFolder
          + " already exists and is not empty (an earlier run's evidence?); name a new folder, or add --force");
    }
    boolean newFolder = !Files.exists(runFolder);
    String runId = UUID.randomUUID().toString();
    try {
      AuditRequest request = request(runId, runFolder, started, JdbcUrls.redactArguments(auditArguments()));
      announce(runId, runFolder);
      return finish(runner.run(request), runFolder);
    } catch (RuntimeException e) {
      if (newFolder) {
        RunFolders.removeIfEmpty(runFolder);
      }
      throw e;
    }
  }

  /** Runs killed in the middle of a step are marked failed, so that they can be resumed. */
  private void recoverAbandoned() {
    for (String runId : runner.recoverAbandoned()) {
      spec.commandLine().getErr().println("acr-auditor: run " + runId + " was interrupted (its process is gone); "
          + "marked failed. Resume it with: acr-auditor audit --restart " + runId);
    }
    spec.commandLine().getErr().flush();
  }

  /** On stderr at once, so that a run killed later (a node drain, an OOM kill) can still be found and resumed. */
  private void announce(String runId, Path runFolder) {
    spec.commandLine().getErr().println("acr-auditor: run " + runId + " started in "
        + runFolder.toAbsolutePath().normalize() + " (if it is interrupted: acr-auditor audit --restart " + runId + ")");
    spec.commandLine().getErr().flush();
  }

  private Integer restart(String runId) {
    JobExecution failed = runner.lastExecution(runId).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "--restart: no run " + runId + " in the run history"));
    if (failed.getStatus() == BatchStatus.COMPLETED) {
      throw new ParameterException(spec.commandLine(), "--restart: run " + runId + " completed; there is nothing to resume");
    }
    if (failed.isRunning()) {
      throw new ParameterException(spec.commandLine(), "--restart: run " + runId + " is still running"
          + runner.owner(failed).map(o -> " (" + o + ")").orElse("")
          + "; a run whose process is gone is released " + RunOwnership.STALE_AFTER.toSeconds()
          + " s after its last heartbeat");
    }
    List<String> arguments = AuditRunner.commandLine(failed);
    AuditCommand original = new AuditCommand(runner, clients);
    new CommandLine(original).parseArgs(arguments.toArray(String[]::new));
    original.spec = spec;
    Path runFolder = AuditRunner.runFolder(failed);
    AuditRequest request = original.request(runId, runFolder, AuditRunner.startedAt(failed), arguments);
    announce(runId, runFolder);
    return original.finish(runner.restart(failed, request), runFolder);
  }

  /** Rules load and self-test before the run folder is made or any input read. */
  private AuditRequest request(String runId, Path runFolder, Instant started, List<String> arguments) {
    Severity threshold = parseSeverity();
    ReportOptions reports = new ReportOptions(parseFormats(), classification);
    RuleCatalog rules = RuleLoader.builtIn().withDirectories(ruleDirs).withParameters(params).load();
    // Read with the rules, before anything is audited; judged on the day the run started (UTC).
    Waivers waivers = waiverOptions.load(started.atZone(ZoneOffset.UTC).toLocalDate());
    if (input.live != null) {
      CredentialProbe.check(azure.toOptions(input.live), clients.getIfAvailable(() -> AzureClients.DEFAULT));
    }
    AtomicFiles.createDirectory(runFolder);
    SnapshotInput source = input.demo
        ? new DemoEstateInput()
        : input.snapshot != null
            ? new SnapshotFileInput(input.snapshot)
            : new LiveAzureInput(azure.toOptions(input.live), TerminalProgress.forConsole(spec.commandLine().getErr()),
                azure.partitionSize);
    return new AuditRequest(
        runId, runFolder, source, rules, Optional.ofNullable(templates), threshold, Map.copyOf(params), started,
        arguments, failOnNew, reports, waivers);
  }

  private Integer finish(AuditResult result, Path runFolder) {
    Severity threshold = parseSeverity();
    Waivers waivers = result.waivers();
    new AuditSummaryPrinter(spec.commandLine().getOut()).print(result, runFolder, threshold, failOnNew, parseFormats());
    if (waiverOptions.given()) {
      new WaiverSummaryPrinter(spec.commandLine().getOut()).print(result.findings(), waivers);
    }
    if (waiverOptions.template != null) {
      AtomicFiles.write(waiverOptions.template, WaiverTemplate.render(result.findings(), waivers, result.run().runId())
          .getBytes(StandardCharsets.UTF_8));
      spec.commandLine().getOut().println("Waiver template: " + waiverOptions.template.toAbsolutePath());
    }
    // The report states this same decision as its verdict; an accepted risk does not fail it.
    GateDecision gate = result.gate() != null
        ? result.gate()
        : GateDecision.decide(result.findings(), result.comparison(), threshold, failOnNew, waivers);
    int exit = gate.failed() ? ExitCodes.FINDINGS : ExitCodes.OK;
    Map<String, Integer> by = result.summary().bySeverity();
    SUMMARY_LOG.info("audit finished run={} findings={} critical={} high={} medium={} low={} info={} new={} resolved={}"
            + " coverageGaps={} evaluationErrors={} exit={} folder={}",
        result.run().runId(), result.summary().findings(), by.get("critical"), by.get("high"), by.get("medium"),
        by.get("low"), by.get("info"), newFindings(result).size(),
        result.comparison() == null ? 0 : result.comparison().resolved().size(),
        result.summary().coverageGaps(), result.summary().evaluationErrors(), exit, runFolder.toAbsolutePath());
    return exit;
  }

  static List<Finding> newFindings(AuditResult result) {
    return GateDecision.newFindings(result.findings(), result.comparison());
  }

  /** This command's arguments as typed, for the job repository (a restart re-parses them). */
  private List<String> auditArguments() {
    List<String> all = spec.commandLine().getParseResult().originalArgs();
    int at = all.indexOf(spec.name());
    return List.copyOf(at < 0 ? all : all.subList(at + 1, all.size()));
  }

  private Set<ReportFormat> parseFormats() {
    try {
      return ReportFormat.parse(formats);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
    }
  }

  private Severity parseSeverity() {
    try {
      return Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--fail-on: " + e.getMessage());
    }
  }
}
