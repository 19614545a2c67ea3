package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run-history database that cannot be used is infrastructure (exit 3, a CronJob retries it), not
 * "findings" (exit 1, as it was), and it says so in one line naming the root cause, with no stack
 * trace on either stream. In a child JVM: the failure happens while Spring starts.
 */
class InfrastructureExitTest {
  @TempDir Path tmp;

  @Test
  void anUnreachableDatabaseIsExitThreeWithTheRootCauseInOneLine() throws Exception {
    ForkedCli.Finished run = new ForkedCli(tmp).run("pg", "audit", "--demo", "--db-url", "jdbc:postgresql://127.0.0.1:1/x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(run.err()).isEqualTo("acr-auditor: run history database unreachable: Connection refused (127.0.0.1:1)\n");
    assertThat(run.out()).isEmpty();
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void aMalformedUrlIsExitThreeAndNamesWhatIsExpected() throws Exception {
    ForkedCli.Finished run = new ForkedCli(tmp).run("foo", "audit", "--demo", "--db-url", "jdbc:foo:bar");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("acr-auditor: run history database: unsupported JDBC URL 'jdbc:foo:bar'")
        .contains("jdbc:postgresql://");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aPasswordInTheUrlNeverReachesTheMessage() throws Exception {
    ForkedCli.Finished run = new ForkedCli(tmp).run("pw", "audit", "--demo",
        "--db-url", "jdbc:postgresql://127.0.0.1:1/x?user=a&password=hunter2");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(run.err() + run.out()).doesNotContain("hunter2");
  }

  @Test
  void debugKeepsTheStackTrace() throws Exception {
    ForkedCli.Finished run = new ForkedCli(tmp).env("ACR_AUDITOR_DEBUG", "true")
        .run("dbg", "audit", "--demo", "--db-url", "jdbc:postgresql://127.0.0.1:1/x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(run.err()).startsWith("acr-auditor: run history database unreachable").contains("\tat ");
  }
}
