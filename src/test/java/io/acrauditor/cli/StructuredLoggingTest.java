package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.AcrAuditorApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With Spring Boot structured logging switched on the way an operator does it (an environment
 * variable), a run ends with one JSON summary line a log collector can parse. A separate JVM,
 * because the logging system is process-wide and other tests' contexts configure it too.
 */
class StructuredLoggingTest {
  @TempDir Path tmp;

  @Test
  void aRunEndsWithOneParsableSummaryLineOnStandardErrorAndStandardOutputIsTheHumanSummary()
      throws IOException, InterruptedException {
    Path stdout = tmp.resolve("stdout.txt");
    Path stderr = tmp.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(
            ProcessHandle.current().info().command().orElse("java"),
            "-cp", System.getProperty("java.class.path"),
            AcrAuditorApplication.class.getName(),
            "audit", "--demo", "--out", tmp.resolve("r").toString())
        .directory(tmp.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    pb.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
    pb.environment().put(ReportsRoot.ENV, tmp.toString());
    Process process = pb.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(ExitCodes.FINDINGS);

    List<String> out = Files.readAllLines(stdout, StandardCharsets.UTF_8);
    assertThat(out).as("standard output is for people: no log line").noneMatch(l -> l.startsWith("{"));
    assertThat(out).anyMatch(l -> l.startsWith("Result: 7 finding(s) at or above high"));
    List<String> summaries = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("{") && l.contains("audit finished"))
        .toList();
    assertThat(summaries).hasSize(1);
    JsonNode line = JsonMapper.builder().build().readTree(summaries.get(0));
    assertThat(line.at("/log/level").asString()).isEqualTo("INFO");
    assertThat(line.at("/log/logger").asString()).isEqualTo("io.acrauditor.audit");
    assertThat(line.get("message").asString())
        .contains("findings=33").contains("critical=1").contains("exit=1").contains(tmp.resolve("r").toString());
    assertThat(tmp.resolve("history")).as("the default run history lives under the reports root").isDirectory();
  }
}
