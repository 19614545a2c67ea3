package io.acrauditor;

import io.acrauditor.cli.AcrAuditorCommand;
import io.acrauditor.cli.CommandErrors;
import io.acrauditor.cli.Failure;
import io.acrauditor.cli.LaunchArguments;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Entry point: picocli parses the command line; the command's exit code is the process's. */
@SpringBootApplication
public class AcrAuditorApplication implements CommandLineRunner, ExitCodeGenerator {
  private final IFactory factory;
  private final AcrAuditorCommand command;
  private int exitCode;

  AcrAuditorApplication(IFactory factory, AcrAuditorCommand command) {
    this.factory = factory;
    this.command = command;
  }

  public static void main(String[] launchArgs) {
    String[] args = LaunchArguments.expandAtFiles(launchArgs);
    LaunchArguments.overrides(args).forEach(System::setProperty);
    SpringApplication application = new SpringApplication(AcrAuditorApplication.class);
    application.setDefaultProperties(LaunchArguments.defaults(args));
    ConfigurableApplicationContext context;
    try {
      context = application.run(args);
    } catch (RuntimeException e) {
      // The context could not start: in practice the run-history database (busy, unreachable, a
      // bad URL), since every command's own failures are handled by picocli. One line, its cause.
      Failure failure = Failure.of(e);
      System.err.println("acr-auditor: " + failure.message());
      if (CommandErrors.debug()) {
        e.printStackTrace();
      }
      System.exit(failure.exitCode());
      return;
    }
    System.exit(SpringApplication.exit(context));
  }

  @Override
  public void run(String... args) {
    exitCode = newCommandLine().execute(args);
  }

  /** A fresh command line with the application's commands and error handling (tests drive it too). */
  public CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(command, factory);
    CommandErrors.install(cli);
    return cli;
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }
}
