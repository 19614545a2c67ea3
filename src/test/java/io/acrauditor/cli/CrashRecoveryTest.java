package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a node drain, an OOM kill or a CronJob deadline does to a run: the real main class in a
 * child JVM is killed with SIGKILL inside a step (a test hook pauses it there), and {@code audit
 * --restart} with the run id it printed at once finishes it with the same findings as an
 * uninterrupted run. Before the fix, the execution stayed STARTED and the restart was refused.
 */
class CrashRecoveryTest {
  private static final Pattern RUN_ID = Pattern.compile("--restart ([0-9a-f-]{36})");

  @TempDir Path tmp;
  @TempDir static Path shared;
  private static Set<String> reference;

  /** The findings of the same audit, uninterrupted, in a history of its own. */
  private static synchronized Set<String> reference() throws Exception {
    if (reference == null) {
      ForkedCli.Finished run = new ForkedCli(shared).run("reference", "audit", "--demo", "--out",
          shared.resolve("reference").toString());
      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FINDINGS);
      reference = fingerprints(shared.resolve("reference"));
    }
    return reference;
  }

  @ParameterizedTest
  @ValueSource(strings = {"collect", "evaluate", "report"})
  void aRunKilledInAStepResumesWithTheFindingsOfAnUninterruptedRun(String step) throws Exception {
    ForkedCli cli = new ForkedCli(tmp);

    Path folder = tmp.resolve("killed");
    ForkedCli.Started victim = new ForkedCli(tmp).jvmOption("-Dacrauditor.test.pause-in-step=" + step)
        .start("victim", "audit", "--demo", "--out", folder.toString());
    String err = awaitPause(victim, step);
    victim.process().destroyForcibly().waitFor();
    Matcher m = RUN_ID.matcher(err);
    assertThat(m.find()).as("the run id is on stderr before the kill: " + err).isTrue();
    String runId = m.group(1);
    assertThat(folder.resolve("findings.json")).as("no complete-looking report").doesNotExist();

    ForkedCli.Finished listed = cli.run("list", "audit", "--list-runs");
    assertThat(listed.exitCode()).isZero();
    // The last step shown may be the one before: H2 writes its latest commits to disk within about a
    // second, so a kill just after a step began can lose that step's first row. The restart below
    // does not depend on it.
    assertThat(listed.out()).containsPattern(Pattern.quote(runId) + "\\s+FAILED\\s+\\S+ \\S+\\s+\\S+\\s+the bundled demo estate");
    assertThat(listed.err()).contains("run " + runId + " was interrupted");

    ForkedCli.Finished resumed = cli.run("restart", "audit", "--restart", runId);
    assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(fingerprints(folder)).isNotEmpty().isEqualTo(reference());
    assertThat(folder.resolve(".state")).doesNotExist();
    assertThat(cli.run("list2", "audit", "--list-runs").out())
        .containsPattern(Pattern.quote(runId) + "\\s+COMPLETED\\s+\\S+ \\S+\\s+report");
  }

  @Test
  void twoAuditsOnOneH2HistoryAtOnceEitherBothSucceedOrOneSaysItIsBusy() throws Exception {
    ForkedCli.Started first = new ForkedCli(tmp).jvmOption("-Dacrauditor.test.pause-in-step=evaluate")
        .start("first", "audit", "--demo", "--out", tmp.resolve("first").toString());
    awaitPause(first, "evaluate");
    ForkedCli.Finished second = new ForkedCli(tmp).run("second", "audit", "--demo", "--out", tmp.resolve("second").toString());
    first.process().destroyForcibly().waitFor();

    if (second.exitCode() != ExitCodes.FINDINGS) {
      assertThat(second.exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE);
      assertThat(second.err().lines()).singleElement().asString()
          .startsWith("acr-auditor: run history database busy: another acr-auditor process has ")
          .contains("acr-auditor.mv.db");
      assertThat(second.out()).isEmpty();
      assertThat(tmp.resolve("second")).doesNotExist();
    }
  }

  private static String awaitPause(ForkedCli.Started run, String step) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      String err = run.errSoFar();
      if (err.contains("paused in step " + step)) {
        return err;
      }
      if (!run.process().isAlive()) {
        throw new AssertionError("the run ended before pausing in " + step + ": " + err);
      }
      Thread.sleep(200);
    }
    run.process().destroyForcibly();
    throw new AssertionError("the run did not reach step " + step);
  }

  private static Set<String> fingerprints(Path folder) {
    JsonNode findings = JsonMapper.builder().build().readTree(folder.resolve("findings.json").toFile());
    Set<String> out = new TreeSet<>();
    findings.get("findings").forEach(f -> out.add(f.get("fingerprint").asString() + " " + f.get("ruleId").asString()));
    return out;
  }
}
