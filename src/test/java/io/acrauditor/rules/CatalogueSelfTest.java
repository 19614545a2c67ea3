package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's own catalogue ({@code rules/}) loads, compiles and passes every inline test.
 * Each file is loaded on its own so that one broken rule does not hide the others.
 */
class CatalogueSelfTest {
  private static final Path CATALOGUE = Path.of("rules");

  @Test
  void everyRuleCompilesAndPassesItsInlineTests(@TempDir Path scratch) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CATALOGUE)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).as("rule files under %s", CATALOGUE.toAbsolutePath()).isNotEmpty();

    List<String> problems = new ArrayList<>();
    int tests = 0;
    for (Path file : files) {
      Path alone = Files.createDirectories(scratch.resolve(file.getParent().getFileName().toString() + "-" + file.getFileName()));
      Files.copy(file, alone.resolve(file.getFileName()));
      RuleCatalog catalog;
      try {
        catalog = RuleLoader.noBuiltIns().withDirectories(List.of(alone)).loadWithoutSelfTests();
      } catch (RuleLoadException e) {
        problems.add(file + ": does not load: " + e.getMessage());
        continue;
      }
      for (CompiledRule rule : catalog.rules()) {
        String folder = file.getParent().getFileName().toString();
        if (!folder.equals(rule.subject().variable())) {
          problems.add(file + ": subject '" + rule.subject().variable() + "' but folder '" + folder + "'");
        }
      }
      SelfTestReport report = SelfTests.run(catalog);
      tests += report.results().size();
      report.results().stream()
          .filter(result -> !result.passed())
          .forEach(result -> problems.add(file + ": test '" + result.test() + "': " + result.detail()));
    }

    assertThat(problems).as("%d rule files, %d inline tests", files.size(), tests).isEmpty();
  }

  @Test
  void theWholeCatalogueLoadsTogether() {
    RuleCatalog catalog = RuleLoader.noBuiltIns().withDirectories(List.of(CATALOGUE)).load();

    assertThat(catalog.rules()).extracting(CompiledRule::id).doesNotHaveDuplicates().isNotEmpty();
  }
}
