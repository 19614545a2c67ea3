package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.AcrAuditorApplication;
import io.acrauditor.files.OutputLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import picocli.CommandLine;

/**
 * Input written to mislead the audit, end to end in-process: each is refused with one line naming
 * the file and the place, exit 2, and no report that could be mistaken for a complete one.
 */
@SpringBootTest(args = "version")
class HostileInputTest {
  private static final String REGISTRY_ID =
      "/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerRegistry/registries/a";

  @Autowired AcrAuditorApplication application;

  @TempDir Path tmp;

  private CliRun run(String... args) {
    CommandLine cli = application.newCommandLine();
    return CliRun.of(cli, args);
  }

  @Test
  void aDuplicatedKeyCannotHideTheAdminUser() throws IOException {
    Path snapshot = Files.writeString(tmp.resolve("twice.json"), """
        {
          "schemaVersion": 1,
          "generatedAt": "2026-11-23T02:00:00Z",
          "registries": [
            {"id": "%s", "name": "a",
             "adminUserEnabled": true,
             "adminUserEnabled": false}
          ]
        }
        """.formatted(REGISTRY_ID));
    CliRun result = run("audit", "--snapshot", snapshot.toString(), "--out", tmp.resolve("o").toString());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.problemText()).startsWith("acr-auditor: " + snapshot + " at /registries/0/adminUserEnabled (line 7,")
        .contains("duplicate key 'adminUserEnabled'");
    assertThat(result.problems()).hasSize(1);
    assertNoReport(tmp.resolve("o"));
  }

  @Test
  void aSecondDocumentAfterTheSnapshotIsRefused() throws IOException {
    String one = "{\"schemaVersion\": 1, \"generatedAt\": \"2026-11-23T02:00:00Z\"}\n";
    Path snapshot = Files.writeString(tmp.resolve("two.json"), one + one.replace("{", "{\"registries\": [],"));
    CliRun result = run("audit", "--snapshot", snapshot.toString(), "--out", tmp.resolve("o").toString());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.problemText()).startsWith("acr-auditor: " + snapshot + " at line 2, column 1: content after the snapshot object");
    assertNoReport(tmp.resolve("o"));
  }

  @Test
  void aHugeStringIsRefusedNamingTheFieldAndTheLimit() throws IOException {
    Path snapshot = Files.writeString(tmp.resolve("huge.json"), """
        {"schemaVersion": 1, "generatedAt": "2026-11-23T02:00:00Z",
         "registries": [{"id": "%s", "name": "%s"}]}
        """.formatted(REGISTRY_ID, "x".repeat(50 * 1024 * 1024)));
    CliRun result = run("audit", "--snapshot", snapshot.toString(), "--out", tmp.resolve("o").toString());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.problemText()).startsWith("acr-auditor: " + snapshot + " at /registries/0/name (line 2,")
        .contains("longer than the limit of 32768 characters");
    assertThat(result.problemText().length()).isLessThan(1000);
    assertNoReport(tmp.resolve("o"));
  }

  @Test
  void anOutFolderHoldingAnEarlierRunIsNotOverwrittenWithoutForce() throws IOException {
    Path out = tmp.resolve("earlier");
    Files.createDirectories(out);
    Path evidence = Files.writeString(out.resolve("findings.json"), "{\"earlier\": true}");
    CliRun refused = run("audit", "--demo", "--out", out.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(refused.problemText()).startsWith("acr-auditor: --out: " + out + " already exists and is not empty")
        .contains("--force");
    assertThat(evidence).hasContent("{\"earlier\": true}");

    CliRun forced = run("audit", "--demo", "--out", out.toString(), "--force");
    assertThat(forced.exitCode()).as(forced.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(evidence).content().contains("\"formatVersion\"");
  }

  @Test
  void anEmptyOutFolderIsFine() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("empty"));
    assertThat(run("audit", "--demo", "--out", out.toString()).exitCode()).isEqualTo(ExitCodes.FINDINGS);
  }

  @Test
  void aStateLinkPlantedInTheRunFolderIsNotWrittenThrough() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("planted"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(out.resolve(".state"), elsewhere);
    CliRun result = run("audit", "--demo", "--out", out.toString(), "--force");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).contains(out.resolve(".state") + ": is a symbolic link");
    assertThat(result.problems()).hasSize(1);
    try (var entries = Files.list(elsewhere)) {
      assertThat(entries).isEmpty();
    }
    assertNoReport(out);
  }

  @Test
  void theRunFolderAndItsFilesAreReadableOnlyByTheAuditorsUser() throws IOException {
    Path out = tmp.resolve("private/run");
    assertThat(run("audit", "--demo", "--out", out.toString()).exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(permissions(out)).isEqualTo("rwx------");
    assertThat(permissions(out.getParent())).isEqualTo("rwx------");
    try (var files = Files.list(out)) {
      assertThat(files).allSatisfy(file -> assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------"));
    }
  }

  @Test
  @Timeout(120)
  void aTemplateThatLoopsHitsTheOutputLimitAndLeavesNoReport() throws IOException {
    Path templates = Files.createDirectories(tmp.resolve("templates"));
    Files.writeString(templates.resolve("header.ftlh"), "<#list 1..100000000 as i>looping and looping </#list>\n");
    Path out = tmp.resolve("o");
    String before = System.getProperty(OutputLimit.PROPERTY);
    System.setProperty(OutputLimit.PROPERTY, "1M");
    CliRun result;
    try {
      result = run("audit", "--demo", "--out", out.toString(), "--templates", templates.toString());
    } finally {
      if (before == null) {
        System.clearProperty(OutputLimit.PROPERTY);
      } else {
        System.setProperty(OutputLimit.PROPERTY, before);
      }
    }
    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).contains(out.toAbsolutePath().resolve("report.html")
        + " would be larger than the limit of 1048576 bytes for one output file");
    assertThat(result.problems()).hasSize(1);
    assertNoReport(out);
    try (var files = Files.list(out)) {
      assertThat(files).noneMatch(f -> f.getFileName().toString().contains("report.html"));
    }
  }

  private static String permissions(Path path) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertNoReport(Path out) {
    assertThat(out.resolve("findings.json")).doesNotExist();
    assertThat(out.resolve("report.html")).doesNotExist();
  }
}
