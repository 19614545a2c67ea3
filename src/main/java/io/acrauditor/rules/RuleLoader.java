package io.acrauditor.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a {@link RuleCatalog}: built-in rules, then {@code --rules} directories (same id
 * replaces, new id adds), each file parsed and compiled, parameter overrides applied, and (unless
 * asked not to) every inline test run. Immutable; each {@code with} returns a new loader.
 */
public final class RuleLoader {
  private final String classpathRoot;
  private final List<Path> directories;
  private final Map<String, String> parameterOverrides;

  private RuleLoader(String classpathRoot, List<Path> directories, Map<String, String> parameterOverrides) {
    this.classpathRoot = classpathRoot;
    this.directories = List.copyOf(directories);
    this.parameterOverrides = Map.copyOf(parameterOverrides);
  }

  /** The catalogue shipped in the jar. */
  public static RuleLoader builtIn() {
    return fromClasspath(RuleSources.BUILT_IN_ROOT);
  }

  /** A catalogue in another classpath folder (tests use their own fixtures). */
  public static RuleLoader fromClasspath(String root) {
    return new RuleLoader(root, List.of(), Map.of());
  }

  /** No built-in rules: only the directories given. */
  public static RuleLoader noBuiltIns() {
    return new RuleLoader(null, List.of(), Map.of());
  }

  public RuleLoader withDirectories(List<Path> dirs) {
    List<Path> all = new ArrayList<>(directories);
    all.addAll(dirs == null ? List.of() : dirs);
    return new RuleLoader(classpathRoot, all, parameterOverrides);
  }

  /** Overrides such as {@code token.expiringSoonDays=14} or {@code ACR-TOK-003.expiringSoonDays=14}. */
  public RuleLoader withParameters(Map<String, String> overrides) {
    Map<String, String> all = new LinkedHashMap<>(parameterOverrides);
    all.putAll(overrides == null ? Map.of() : overrides);
    return new RuleLoader(classpathRoot, directories, all);
  }

  /**
   * Loads, compiles and self-tests the catalogue.
   *
   * @throws RuleLoadException naming the file and the problem, including the first failing inline test
   */
  public RuleCatalog load() {
    RuleCatalog catalog = loadWithoutSelfTests();
    SelfTestReport report = SelfTests.run(catalog);
    report.firstFailure().ifPresent(failure -> {
      int others = report.failed() - 1;
      throw RuleLoadException.in(failure.file(), "test '" + failure.test() + "' failed: " + failure.detail()
          + (others > 0 ? " (and " + others + " more failing test" + (others > 1 ? "s" : "") + ")" : ""));
    });
    return catalog;
  }

  /** Loads and compiles, leaving the inline tests to the caller ({@code rules test} reports them all). */
  public RuleCatalog loadWithoutSelfTests() {
    Map<String, RuleDefinition> effective = new LinkedHashMap<>();
    if (classpathRoot != null) {
      Thread thread = Thread.currentThread();
      ClassLoader loader = thread.getContextClassLoader() != null ? thread.getContextClassLoader() : RuleLoader.class.getClassLoader();
      addLayer(effective, RuleSources.classpath(classpathRoot, loader));
    }
    List<RuleSource> extra = new ArrayList<>();
    directories.forEach(dir -> extra.addAll(RuleSources.directory(dir)));
    addLayer(effective, extra);
    List<CompiledRule> compiled = new ArrayList<>(effective.size());
    for (RuleDefinition definition : effective.values()) {
      compiled.add(RuleCompiler.compile(definition));
    }
    return new RuleCatalog(ParameterOverrides.apply(compiled, parameterOverrides));
  }

  /** Adds one layer of sources: a duplicate inside the layer is an error, across layers an override. */
  private static void addLayer(Map<String, RuleDefinition> effective, List<RuleSource> sources) {
    Map<String, RuleDefinition> layer = new LinkedHashMap<>();
    for (RuleSource source : sources) {
      RuleDefinition definition = RuleParser.parse(source);
      RuleDefinition previous = layer.put(definition.id(), definition);
      if (previous != null) {
        throw RuleLoadException.in(source.displayName(), "duplicate rule id '" + definition.id()
            + "', also defined in " + previous.file());
      }
    }
    effective.putAll(layer);
  }
}
