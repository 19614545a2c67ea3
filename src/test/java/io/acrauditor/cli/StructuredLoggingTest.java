package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.AcrAuditorApplication;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With Spring Boot structured logging on, a run ends with one JSON summary line a collector can parse. */
@SpringBootTest(args = "version", properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTest {
  @Autowired AcrAuditorApplication application;

  @TempDir Path tmp;

  @Test
  void aRunEndsWithOneParsableSummaryLine(CapturedOutput output) {
    CliRun run = CliRun.of(application.newCommandLine(), "audit", "--demo", "--out", tmp.resolve("r").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);

    List<String> summaries = output.getOut().lines()
        .filter(l -> l.startsWith("{") && l.contains("audit finished"))
        .toList();
    assertThat(summaries).hasSize(1);
    JsonNode line = JsonMapper.builder().build().readTree(summaries.get(0));
    assertThat(line.at("/log/logger").asString()).isEqualTo("io.acrauditor.audit");
    assertThat(line.get("message").asString())
        .contains("findings=30").contains("critical=1").contains("exit=1").contains(tmp.resolve("r").toString());
  }
}
