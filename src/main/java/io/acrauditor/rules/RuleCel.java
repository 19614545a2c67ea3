package io.acrauditor.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.acrauditor.inventory.index.SubjectKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The one CEL environment every rule expression is compiled in: the subject variable (a dynamic
 * map named after the subject kind), {@code params}, {@code now}, the standard macros and the
 * day-counting functions. Compilers and the runtime are immutable and shared by all threads.
 *
 * <p>{@code daysUntil}/{@code daysSince} are declared here but bound only at evaluation time
 * ({@link EvaluationTime}), because they read the snapshot's instant: that keeps one compiled
 * program valid for any snapshot.
 */
final class RuleCel {
  static final String PARAMS = "params";
  static final String NOW = "now";
  static final String DAYS_UNTIL = "daysUntil";
  static final String DAYS_SINCE = "daysSince";
  static final String DAYS_UNTIL_OVERLOAD = "daysUntil_string";
  static final String DAYS_SINCE_OVERLOAD = "daysSince_string";

  private static final CelOptions OPTIONS = CelOptions.current()
      .enableHeterogeneousNumericComparisons(true)
      // A loop over a product of large lists ends as this rule's evaluation error (EvaluationBudget).
      .comprehensionMaxIterations(EvaluationBudget.MAX_ITERATIONS)
      .build();

  private static final RuleCel INSTANCE = new RuleCel();

  /** Compiled once: every evaluation error message goes through {@link #oneLine}. */
  private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");

  private final Map<SubjectKind, CelCompiler> compilers = new EnumMap<>(SubjectKind.class);
  private final CelRuntime runtime;

  private RuleCel() {
    for (SubjectKind kind : SubjectKind.values()) {
      compilers.put(kind, CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar(kind.variable(), MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar(PARAMS, MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar(NOW, SimpleType.TIMESTAMP)
          .addFunctionDeclarations(
              CelFunctionDecl.newFunctionDeclaration(DAYS_UNTIL,
                  CelOverloadDecl.newGlobalOverload(DAYS_UNTIL_OVERLOAD, SimpleType.INT, SimpleType.STRING)),
              CelFunctionDecl.newFunctionDeclaration(DAYS_SINCE,
                  CelOverloadDecl.newGlobalOverload(DAYS_SINCE_OVERLOAD, SimpleType.INT, SimpleType.STRING)))
          .build());
    }
    runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
  }

  static RuleCel get() {
    return INSTANCE;
  }

  /** What an expression must produce. */
  enum Result {
    BOOL,
    ANY
  }

  /**
   * Parses, type-checks and plans one expression, and checks every field it names against the
   * subject's shape and every parameter against the declared ones.
   *
   * @param where what the expression is, for messages ({@code condition}, {@code evidence.x})
   * @throws IllegalArgumentException with a one-line reason when the expression is unusable
   */
  CelRuntime.Program compile(SubjectKind kind, Shape.Fields params, String where, String expression, Result result) {
    return compileReading(kind, params, where, expression, result).program();
  }

  /**
   * A compiled expression and the subject fields it reads, written from the subject ({@code
   * aadProfile.managed}, {@code registriesPulled[].identityCanPull}).
   */
  record Reading(CelRuntime.Program program, Set<String> subjectPaths) {}

  Reading compileReading(SubjectKind kind, Shape.Fields params, String where, String expression, Result result) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException(where + ": empty expression");
    }
    CelValidationResult compiled = compilers.get(kind).compile(expression);
    if (compiled.hasError()) {
      throw new IllegalArgumentException(where + ": " + describe(compiled.getErrors(), expression));
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = compiled.getAst();
    } catch (CelValidationException e) {
      throw new IllegalArgumentException(where + ": " + describe(e.getErrors(), expression));
    }
    if (result == Result.BOOL) {
      CelKind type = ast.getResultType().kind();
      if (type != CelKind.BOOL && type != CelKind.DYN) {
        throw new IllegalArgumentException(where + ": must return bool but returns "
            + ast.getResultType().name() + " ('" + oneLine(expression) + "')");
      }
    }
    FieldChecker.Result checked =
        FieldChecker.walkAll(ast.getExpr(), Map.of(kind.variable(), Shape.ofSubject(kind), PARAMS, params));
    if (!checked.problems().isEmpty()) {
      throw new IllegalArgumentException(where + ": " + String.join("; ", checked.problems()));
    }
    String prefix = kind.variable() + ".";
    Set<String> subjectPaths = new TreeSet<>();
    checked.paths().stream().filter(p -> p.startsWith(prefix)).forEach(p -> subjectPaths.add(p.substring(prefix.length())));
    try {
      return new Reading(runtime.createProgram(ast), Collections.unmodifiableSet(subjectPaths));
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  private static String describe(List<CelIssue> issues, String expression) {
    CelIssue first = issues.get(0);
    StringBuilder text = new StringBuilder();
    int line = first.getSourceLocation().getLine();
    int column = first.getSourceLocation().getColumn();
    if (line > 0) {
      text.append(expression.contains("\n") ? "line " + line + " column " + (column + 1) : "column " + (column + 1))
          .append(": ");
    }
    text.append(first.getMessage().replace(" (in container '')", ""));
    if (issues.size() > 1) {
      text.append(" (and ").append(issues.size() - 1).append(" more)");
    }
    return text.append(" in '").append(oneLine(expression)).append("'").toString();
  }

  static String oneLine(String text) {
    return LINE_BREAK.matcher(text.strip()).replaceAll(" ");
  }
}
