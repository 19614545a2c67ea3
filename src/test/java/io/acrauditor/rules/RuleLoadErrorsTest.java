package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every way a rule file can be wrong stops the load with one line naming the file and the problem. */
class RuleLoadErrorsTest {

  private static String loadError(String brokenCase) {
    Path dir = Fixtures.dir("broken/" + brokenCase);
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
        () -> RuleLoader.noBuiltIns().withDirectories(List.of(dir)).load());
    assertThat(thrown).isInstanceOf(RuleLoadException.class);
    String message = thrown.getMessage();
    assertThat(message).as("one line").doesNotContain("\n");
    assertThat(message).as("names the file").contains(dir.resolve("BRK-001.yaml").toString().replace("BRK-001.yaml", ""))
        .contains("BRK-001.yaml");
    return message;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      field-typo         | condition: unknown field 'adminUserEnabeld' in registry.adminUserEnabeld (did you mean adminUserEnabled?)
      nested-field-typo  | unknown field 'expiryy' in p.expiryy (did you mean expiry?)
      unknown-key        | unknown key 'conditon'
      syntax-error       | condition: column 29: mismatched input '<EOF>' expecting
      failing-test       | test 'wrongly expects fire' failed: expected fire, got pass
      id-mismatch        | id 'BRK-002' does not match the file name
      unknown-severity   | severity: unknown severity 'severe'
      unknown-subject    | subject: unknown subject kind 'repository'
      not-bool           | condition: must return bool but returns string
      no-pass-test       | no test expects 'pass'
      no-absent-case     | test 'absent case of anonymousPullEnabled' failed: the condition reads the optional property registry.anonymousPullEnabled but no inline test leaves it out
      unknown-param      | unknown parameter 'threshhold' in params.threshhold (did you mean threshold?)
      unknown-variable   | condition: column 1: undeclared reference to 'token' in 'token.name == 'x''
      missing-key        | missing required key 'message'
      test-subject-typo  | test 'passes' subject: unknown field 'adminUserEnabeld' in registry (did you mean adminUserEnabled?)
      placeholder-typo   | message placeholder ${registry.nmae}: unknown field 'nmae' in registry.nmae (did you mean name?)
      list-select        | 'registry.tokens' is a list
      bad-yaml           | BRK-001.yaml:4: mapping values are not allowed here
      wrong-type         | BRK-001.yaml:3: title: Cannot deserialize value of type `java.lang.String` from Array value
      duplicate-key      | BRK-001.yaml:22: Duplicate Object property "condition"
      duplicate-test-key | BRK-001.yaml:19: tests[1].subject: Duplicate Object property "adminUserEnabled"
      second-document    | BRK-001.yaml:23: a rule file holds one YAML document; found more after it
      """)
  void refusesTheFileWithTheReason(String brokenCase, String expected) {
    assertThat(loadError(brokenCase)).contains(expected.strip());
  }

  @Test
  void unknownKeyErrorsCarryTheYamlLineNumber() {
    assertThat(loadError("unknown-key")).containsPattern("BRK-001\\.yaml:21: unknown key 'conditon'; expected one of .*condition");
  }

  @Test
  void aDuplicateIdInOneLayerIsRefusedNamingBothFiles() {
    Path dir = Fixtures.dir("broken/duplicate-id");
    assertThatThrownBy(() -> RuleLoader.noBuiltIns().withDirectories(List.of(dir)).load())
        .isInstanceOf(RuleLoadException.class)
        .hasMessageContaining(dir.resolve("b/BRK-001.yaml").toString())
        .hasMessageContaining("duplicate rule id 'BRK-001', also defined in " + dir.resolve("a/BRK-001.yaml"));
  }

  @Test
  void aMissingDirectoryIsRefused() {
    assertThatThrownBy(() -> RuleLoader.noBuiltIns().withDirectories(List.of(Path.of("/nonexistent/rules"))).load())
        .isInstanceOf(RuleLoadException.class)
        .hasMessage("/nonexistent/rules: rules directory does not exist or is not a directory");
  }

  @Test
  void anUnknownParameterOverrideIsRefused() {
    assertThatThrownBy(() -> Fixtures.loader().withParameters(Map.of("token.expiringSoonDayz", "14")).load())
        .isInstanceOf(RuleLoadException.class)
        .hasMessage("parameter override 'token.expiringSoonDayz': no token rule declares a parameter 'expiringSoonDayz'"
            + " (token rules declare: expiringSoonDays, maxAgeDays, ratio, strict)");
    assertThatThrownBy(() -> Fixtures.loader().withParameters(Map.of("TST-TOK-001.maxAgeDays", "14")).load())
        .isInstanceOf(RuleLoadException.class)
        .hasMessageContaining("rule TST-TOK-001 (rules-fixtures/builtin/token/TST-TOK-001.yaml (built-in)) has no parameter 'maxAgeDays'");
    assertThatThrownBy(() -> Fixtures.loader().withParameters(Map.of("repo.x", "1")).load())
        .hasMessageContaining("'repo' is neither a subject kind");
  }

  @Test
  void aParameterOverrideOfTheWrongTypeIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> Fixtures.loader().withParameters(Map.of("token.expiringSoonDays", "two weeks")).load())
        .isInstanceOf(RuleLoadException.class)
        .hasMessage("parameter override for rule TST-TOK-001 (rules-fixtures/builtin/token/TST-TOK-001.yaml (built-in)):"
            + " parameter 'expiringSoonDays' expects an integer, got 'two weeks'");
  }
}
