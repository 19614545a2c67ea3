package io.acrauditor.cli;

import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code acr-auditor} command: only a home for the subcommands. */
@Component
@Command(
    name = "acr-auditor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Audits who can pull from Azure Container Registries, how, and what is unsafe about it.",
    subcommands = {AuditCommand.class, CollectCommand.class, RulesCommand.class, VersionCommand.class},
    exitCodeListHeading = ExitCodes.LIST_HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE, ExitCodes.FINDINGS_LINE, ExitCodes.BAD_INPUT_LINE, ExitCodes.INFRASTRUCTURE_LINE
    })
public class AcrAuditorCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required: audit, collect, rules or version");
  }
}
