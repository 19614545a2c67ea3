package io.acrauditor.cli;

import picocli.CommandLine.Option;

/**
 * The run-history database. These options are read before Spring starts (see {@link
 * LaunchArguments}); they are declared here so that --help documents them and the parser accepts
 * them. The password is never an option: it comes from SPRING_DATASOURCE_PASSWORD.
 */
public class HistoryOptions {
  @Option(names = "--db-url", paramLabel = "JDBC_URL",
      description = "Run-history database, e.g. jdbc:postgresql://db:5432/auditor (default: an H2 file under "
          + "$ACR_AUDITOR_REPORTS_DIR/history, else out/history; also SPRING_DATASOURCE_URL). "
          + "Password: env SPRING_DATASOURCE_PASSWORD.")
  String dbUrl;

  @Option(names = "--db-user", paramLabel = "USER", description = "Run-history database user (also SPRING_DATASOURCE_USERNAME).")
  String dbUser;
}
