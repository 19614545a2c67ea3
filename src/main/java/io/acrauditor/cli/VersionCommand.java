package io.acrauditor.cli;

import io.acrauditor.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code acr-auditor version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Prints the version, the commit it was built from and the build time.",
    exitCodeListHeading = ExitCodes.LIST_HEADING, exitCodeList = {"0:printed"})
public class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println("acr-auditor " + Version.describe());
    return ExitCodes.OK;
  }
}
