package io.acrauditor.cli;

import io.acrauditor.batch.AuditRequest;
import io.acrauditor.batch.AuditRunner;
import io.acrauditor.collect.DemoEstateInput;
import io.acrauditor.collect.LiveAzureInput;
import io.acrauditor.collect.SnapshotFileInput;
import io.acrauditor.collect.SnapshotInput;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Severity;
import io.acrauditor.findings.Summaries;
import io.acrauditor.report.AtomicFiles;
import io.acrauditor.rules.RuleCatalog;
import io.acrauditor.rules.RuleLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code acr-auditor audit}: collect (or read) an inventory, evaluate every rule, write the reports. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Audits an inventory and writes findings.json, report.html and the audited snapshot.json into a run folder.",
      "The inventory is the bundled demo estate (--demo), a snapshot file (--snapshot), or live Azure "
          + "(--subscription/--all-subscriptions, read-only; the collected snapshot is kept in the run folder)."
    },
    exitCodeListHeading = ExitCodes.LIST_HEADING,
    exitCodeList = {
      "0:no finding at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:the audit could not be done (bad input, bad rules, unwritable output, Azure unreachable)"
    })
public class AuditCommand implements Callable<Integer> {
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
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Mixin AzureScopeOptions azure;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Run folder for the outputs (default: out/<UTC timestamp>).")
  Path out;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "${env:ACR_AUDITOR_FAIL_ON:-high}",
      description = "Exit 1 when a finding is at or above this severity: critical, high, medium, low, info "
          + "(default: ${DEFAULT-VALUE}; env ACR_AUDITOR_FAIL_ON).")
  String failOn;

  @Option(names = "--rules", paramLabel = "DIR",
      description = "Extra rule directory (repeatable); a rule with a built-in id overrides it.")
  List<Path> ruleDirs = List.of();

  @Option(names = "--templates", paramLabel = "DIR",
      description = "Report template directory; a template there overrides the built-in one of the same name.")
  Path templates;

  @Option(names = "--param", paramLabel = "KEY=VALUE",
      description = "Rule parameter, as <subject>.<name> (e.g. token.expiringSoonDays=14) or <RULE-ID>.<name>.")
  Map<String, String> params = new LinkedHashMap<>();

  @Spec CommandSpec spec;

  private final AuditRunner runner;

  AuditCommand(AuditRunner runner) {
    this.runner = runner;
  }

  @Override
  public Integer call() {
    Severity threshold = parseSeverity();
    // Rules are compiled and self-tested before anything is read: a bad rule never costs a collection.
    RuleCatalog rules = RuleLoader.builtIn().withDirectories(ruleDirs).withParameters(params).load();
    Instant started = Instant.now();
    Path runFolder = AtomicFiles.createDirectory(out != null ? out : Path.of("out", RUN_FOLDER.format(started)));
    SnapshotInput source = input.demo
        ? new DemoEstateInput()
        : input.snapshot != null
            ? new SnapshotFileInput(input.snapshot)
            : new LiveAzureInput(
                azure.toOptions(input.live),
                TerminalProgress.forConsole(spec.commandLine().getErr()));
    AuditRequest request = new AuditRequest(
        UUID.randomUUID().toString(), runFolder, source, rules, Optional.ofNullable(templates), threshold,
        Map.copyOf(params), started);
    AuditResult result = runner.run(request);
    new AuditSummaryPrinter(spec.commandLine().getOut()).print(result, runFolder, threshold);
    return Summaries.anyAtLeast(result.findings(), threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private Severity parseSeverity() {
    try {
      return Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fail-on: " + e.getMessage());
    }
  }
}
