package io.acrauditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.rules.RuleLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RulesCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new RulesCommand(RuleLoader.fromClasspath("rules-fixtures/builtin")));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static String fixture(String relative) {
    try {
      return Path.of(RulesCommandTest.class.getResource("/rules-fixtures/" + relative).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void listPrintsATable() {
    assertThat(run("list")).isZero();
    assertThat(out.toString().lines().toList())
        .first().asString().matches("ID +SEVERITY +SUBJECT +TITLE");
    assertThat(out.toString()).containsPattern("TST-REG-001 +high +registry +Registry admin user is enabled")
        .containsPattern("TST-TOK-002 +low +token +Token password is old");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void explainPrintsOneRule() {
    assertThat(run("explain", "TST-TOK-001", "--param", "token.expiringSoonDays=14")).isZero();
    assertThat(out.toString()).contains("Token password expires soon").contains("expiringSoonDays = 14 (default 30)");
  }

  @Test
  void explainOfAnUnknownRuleExitsTwo() {
    assertThat(run("explain", "NOPE-1")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("rules explain: no rule 'NOPE-1'; see 'rules list'" + System.lineSeparator());
  }

  @Test
  void testRunsBuiltInAndDirectoryTests() {
    assertThat(run("test", fixture("override"))).isZero();
    assertThat(out.toString()).contains("PASS  TST-REG-900  (2 tests)").contains("PASS  TST-TOK-001  (6 tests)")
        .endsWith("18 passed, 0 failed" + System.lineSeparator());
  }

  @Test
  void testExitsOneWhenATestFails() {
    assertThat(run("test", fixture("broken/failing-test"))).isEqualTo(1);
    assertThat(out.toString()).contains("FAIL  BRK-001  (4 tests, 1 failed)")
        .contains("test 'wrongly expects fire': expected fire, got pass")
        .contains("21 passed, 1 failed");
  }

  @Test
  void aLoadErrorIsOneLineOnStderrAndExitTwo() {
    assertThat(run("test", fixture("broken/field-typo"))).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString()
        .contains("BRK-001.yaml: condition: unknown field 'adminUserEnabeld'");
    assertThat(out.toString()).isEmpty();
  }
}
