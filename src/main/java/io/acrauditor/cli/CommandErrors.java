package io.acrauditor.cli;

import io.acrauditor.batch.AuditFailedException;
import picocli.CommandLine;

/**
 * One clean line on stderr for anything that stops a command, never a stack trace (unless
 * ACR_AUDITOR_DEBUG=true asks for one), and exit code 2: usage errors and failures alike mean
 * the audit could not be done.
 */
public final class CommandErrors {
  private CommandErrors() {}

  public static void install(CommandLine cli) {
    cli.setExitCodeExceptionMapper(e -> ExitCodes.CANNOT_AUDIT);
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println("acr-auditor: " + e.getMessage());
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCodes.CANNOT_AUDIT;
    });
    cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      String resume = e instanceof AuditFailedException failed && failed.restartableRunId() != null
          ? " (resume with: acr-auditor audit --restart " + failed.restartableRunId() + ")"
          : "";
      cmd.getErr().println("acr-auditor: " + describe(e) + resume);
      if ("true".equalsIgnoreCase(System.getenv("ACR_AUDITOR_DEBUG"))) {
        e.printStackTrace(cmd.getErr());
      }
      return ExitCodes.CANNOT_AUDIT;
    });
  }

  /** The most specific message in the cause chain: that is where the file and place are named. */
  public static String describe(Throwable e) {
    Throwable t = e;
    while ((t instanceof AuditFailedException || t.getMessage() == null) && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
