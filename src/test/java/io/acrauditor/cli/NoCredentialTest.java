package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without any usable Azure credential, collect and a live audit say so in one line naming the ways
 * to sign in, exit 2, instead of ~26 s of SDK warnings and an MSAL parse error. Every credential
 * source is pointed away from Azure: no AZURE_* secrets, the managed identity endpoint on a closed
 * local port, an empty Azure CLI configuration and no CLI on the PATH.
 */
class NoCredentialTest {
  @TempDir Path tmp;

  private ForkedCli isolated() throws Exception {
    Path azConfig = Files.createDirectories(tmp.resolve("azure-config"));
    ForkedCli cli = new ForkedCli(tmp)
        .env("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:1")
        .env("AZURE_CONFIG_DIR", azConfig.toString())
        .env("AZURE_AUTHORITY_HOST", "https://127.0.0.1:1/")
        .env("PATH", tmp.resolve("no-tools").toString());
    for (String name : System.getenv().keySet()) {
      if (name.startsWith("AZURE_CLIENT") || name.startsWith("IDENTITY_") || name.startsWith("MSI_")
          || name.equals("AZURE_FEDERATED_TOKEN_FILE") || name.equals("AZURE_TENANT_ID")) {
        cli.env(name, null);
      }
    }
    return cli;
  }

  @Test
  void collectSaysItInOneLineNamingTheWaysToSignIn() throws Exception {
    long start = System.nanoTime();
    ForkedCli.Finished run = isolated().run("collect", "collect",
        "--subscription", "00000000-0000-0000-0000-000000000001", "--out", tmp.resolve("c/s.json").toString());
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("acr-auditor: no usable Azure credential")
        .contains("AZURE_CLIENT_ID").contains("workload identity").contains("managed identity").contains("az login");
    assertThat(run.out()).isEmpty();
    assertThat(tmp.resolve("c")).as("nothing was made").doesNotExist();
    // Ten seconds on a quiet machine; shared CI runners get headroom for the JVM start.
    assertThat(seconds).isLessThan(30);
  }

  @Test
  void aLiveAuditSaysTheSameAndLeavesNoRunFolder() throws Exception {
    ForkedCli.Finished run = isolated().run("audit", "audit",
        "--subscription", "00000000-0000-0000-0000-000000000001", "--out", tmp.resolve("run").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err().lines()).singleElement().asString().startsWith("acr-auditor: no usable Azure credential");
    assertThat(tmp.resolve("run")).doesNotExist();
  }
}
