package io.acrauditor.cli;

import io.acrauditor.collect.AzureClients;
import io.acrauditor.collect.CollectOptions;
import io.acrauditor.collect.CollectedSnapshot;
import io.acrauditor.collect.LiveAzureInput;
import io.acrauditor.files.AtomicFiles;
import io.acrauditor.inventory.Snapshot;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code acr-auditor collect}: read the inventory from Azure (read-only) into a snapshot file. */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Collects the inventory from live Azure, read-only, into a snapshot file that 'audit --snapshot' evaluates",
      "exactly as a live audit would. Credentials: DefaultAzureCredential (AZURE_* environment, workload identity,",
      "managed identity, Azure CLI)."
    },
    exitCodeListHeading = ExitCodes.LIST_HEADING,
    exitCodeList = {"0:snapshot written (coverage gaps, if any, are recorded in it)", ExitCodes.BAD_INPUT_LINE,
        ExitCodes.INFRASTRUCTURE_LINE})
public class CollectCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  SubscriptionScope scope;

  @Mixin AzureScopeOptions azure;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the snapshot.")
  Path out;

  @Spec CommandSpec spec;

  private final AzureClients clients;

  public CollectCommand() {
    this(AzureClients.DEFAULT);
  }

  CollectCommand(AzureClients clients) {
    this.clients = clients;
  }

  @Override
  public Integer call() {
    CollectOptions options = azure.toOptions(scope);
    CredentialProbe.check(options, clients);
    Path folder = out.toAbsolutePath().getParent();
    AtomicFiles.createDirectory(folder);
    LiveAzureInput input = new LiveAzureInput(options, TerminalProgress.forConsole(spec.commandLine().getErr()));
    LongAdder roleAssignments = new LongAdder();
    CollectedSnapshot collected = input.collect(out, assignment -> roleAssignments.increment());
    Snapshot s = collected.snapshot();
    spec.commandLine().getOut().printf(
        "Collected %d registries, %d clusters, %d role assignments, %d principals; %d coverage gap(s).%nSnapshot: %s%n",
        s.registries().size(), s.clusters().size(), roleAssignments.sum(), s.principals().size(),
        s.coverage().gaps().size(), out.toAbsolutePath().normalize());
    return ExitCodes.OK;
  }
}
