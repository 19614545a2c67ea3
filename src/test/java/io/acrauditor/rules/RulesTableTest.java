package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md's rule table is the one the built-in catalogue generates. When a rule changes, run
 * this test with {@code -Dacr.docs.update=true} to rewrite the table, and review the diff.
 */
class RulesTableTest {
  private static final Path DOC = Path.of("docs/rules.md");

  @Test
  void theRulesTableInTheDocsIsCurrent() throws IOException {
    String document = Files.readString(DOC);
    String current = RulesTable.replaceIn(document, RuleLoader.builtIn().load());
    if (Boolean.getBoolean("acr.docs.update")) {
      Files.writeString(DOC, current);
      document = current;
    }
    assertThat(document).as("docs/rules.md's table; rerun with -Dacr.docs.update=true to regenerate it")
        .isEqualTo(current);
  }

  @Test
  void everyRuleIsARowWithWhatItsAbsentPropertiesMean() {
    String table = RulesTable.markdown(RuleLoader.builtIn().load());

    assertThat(table).contains("| ACR-AKS-003 | Cluster has local accounts enabled | high | `disableLocalAccounts` = `false` |");
    assertThat(table).contains("| ACR-REG-002 |").contains("`networkRuleSet.defaultAction` = `Allow`");
    assertThat(table.lines().filter(line -> line.startsWith("| ACR-"))).hasSize(
        RuleLoader.builtIn().load().rules().size());
  }
}
