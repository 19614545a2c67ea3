package io.acrauditor.cli;

import io.acrauditor.rules.CompiledRule;
import io.acrauditor.rules.RuleCatalog;
import io.acrauditor.rules.RuleLoadException;
import io.acrauditor.rules.RuleLoader;
import io.acrauditor.rules.SelfTestReport;
import io.acrauditor.rules.SelfTestResult;
import io.acrauditor.rules.SelfTests;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code acr-auditor rules list | explain <ID> | test [DIR...]}. Exit codes: 0 done (or every test
 * passed), 1 some inline test failed, 2 the rules could not be loaded or the rule is unknown; a
 * load error is one line on stderr, never a stack trace.
 */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "List, explain and self-test the audit rules (built-in catalogue plus --rules directories).",
    exitCodeListHeading = ExitCodes.LIST_HEADING,
    exitCodeList = {"0:done (test: every inline test passed)", "1:test: some inline test failed", ExitCodes.BAD_INPUT_LINE})
public class RulesCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int TESTS_FAILED = 1;
  static final int UNUSABLE = 2;

  private final RuleLoader baseLoader;

  @Spec CommandSpec spec;

  public RulesCommand() {
    this(RuleLoader.builtIn());
  }

  /** @param baseLoader where the built-in rules come from (tests point it at fixtures) */
  public RulesCommand(RuleLoader baseLoader) {
    this.baseLoader = baseLoader;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(err());
    return UNUSABLE;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print every rule: id, severity, subject, title.")
  int list(
      @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule directory (repeatable); same id overrides.")
          List<Path> dirs) {
    return withCatalog(baseLoader.withDirectories(dirs), catalog -> {
      List<CompiledRule> rules = catalog.rules();
      int idWidth = Math.max(2, rules.stream().mapToInt(r -> r.id().length()).max().orElse(0));
      int subjectWidth = Math.max(7, rules.stream().mapToInt(r -> r.subject().variable().length()).max().orElse(0));
      String format = "%-" + idWidth + "s  %-8s  %-" + subjectWidth + "s  %s%n";
      PrintWriter out = out();
      out.printf(format, "ID", "SEVERITY", "SUBJECT", "TITLE");
      for (CompiledRule rule : rules) {
        out.printf(format, rule.id(), rule.severity().label(), rule.subject().variable(), rule.title());
      }
      out.flush();
      return OK;
    });
  }

  @Command(name = "explain", mixinStandardHelpOptions = true,
      description = "Show one rule: condition, parameters, rationale, remediation, references, tests.")
  int explain(
      @Parameters(paramLabel = "ID", description = "Rule id, e.g. ACR-REG-001.") String id,
      @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule directory (repeatable).") List<Path> dirs,
      @Option(names = "--param", paramLabel = "KEY=VALUE",
          description = "Parameter override, <subject>.<param> or <RULE-ID>.<param>.") Map<String, String> params) {
    return withCatalog(baseLoader.withDirectories(dirs).withParameters(params == null ? Map.of() : new LinkedHashMap<>(params)),
        catalog -> {
          if (catalog.rule(id).isEmpty()) {
            err().println("rules explain: no rule '" + id + "'; see 'rules list'");
            err().flush();
            return UNUSABLE;
          }
          out().print(catalog.explain(id));
          out().flush();
          return OK;
        });
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Run the inline tests of the built-in rules and of the rules in DIR.")
  int test(@Parameters(paramLabel = "DIR", arity = "0..*", description = "Rule directories to test as well.") List<Path> dirs) {
    return withCatalog(baseLoader.withDirectories(dirs), catalog -> {
      SelfTestReport report = SelfTests.run(catalog);
      PrintWriter out = out();
      Map<String, List<SelfTestResult>> byRule = new LinkedHashMap<>();
      report.results().forEach(r -> byRule.computeIfAbsent(r.ruleId(), k -> new java.util.ArrayList<>()).add(r));
      byRule.forEach((ruleId, results) -> {
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.printf("%s  %s  (%d test%s%s)%n", failed == 0 ? "PASS" : "FAIL", ruleId, results.size(),
            results.size() == 1 ? "" : "s", failed == 0 ? "" : ", " + failed + " failed");
        results.stream().filter(r -> !r.passed()).forEach(r ->
            out.printf("      test '%s': %s [%s]%n", r.test(), r.detail(), r.file()));
      });
      out.printf("%d passed, %d failed%n", report.passed(), report.failed());
      out.flush();
      return report.allPassed() ? OK : TESTS_FAILED;
    });
  }

  private int withCatalog(RuleLoader loader, Function<RuleCatalog, Integer> action) {
    RuleCatalog catalog;
    try {
      catalog = loader.loadWithoutSelfTests();
    } catch (RuleLoadException e) {
      err().println(e.getMessage());
      err().flush();
      return UNUSABLE;
    } catch (RuntimeException e) {
      // A bug of ours must still leave the operator one readable line, not a stack trace.
      err().println("rules: cannot load the rules: " + e);
      err().flush();
      return UNUSABLE;
    }
    return action.apply(catalog);
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
