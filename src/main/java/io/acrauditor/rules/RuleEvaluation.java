package io.acrauditor.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import io.acrauditor.findings.Remediation;
import io.acrauditor.findings.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one compiled rule on one subject value. Shared by the engine and the inline self-tests so
 * that a passing self-test means exactly what a production evaluation would do.
 */
final class RuleEvaluation {
  private static final Pattern CEL_POSITION = Pattern.compile("^evaluation error at <input>:(\\d+): (.*)$", Pattern.DOTALL);

  /** How CEL says that {@code comprehensionMaxIterations} stopped an expression. */
  private static final String ITERATIONS_EXCEEDED = "Iteration budget exceeded";

  private RuleEvaluation() {}

  /**
   * The variables of one evaluation. The Optionals are built once (per subject, per rule, per
   * snapshot) so that a lookup allocates nothing.
   */
  record Vars(String subjectVariable, Optional<Object> subject, Optional<Object> params, Optional<Object> now,
      EvaluationBudget budget) implements CelVariableResolver {
    /** The variables of one rule on one subject, with a budget that starts now. */
    Vars(String subjectVariable, Optional<Object> subject, Optional<Object> params, Optional<Object> now) {
      this(subjectVariable, subject, params, now, EvaluationBudget.start());
    }

    @Override
    public Optional<Object> find(String name) {
      if (name.equals(subjectVariable)) {
        return subject;
      }
      if (name.equals(RuleCel.PARAMS)) {
        return params;
      }
      if (name.equals(RuleCel.NOW)) {
        return now;
      }
      return Optional.empty();
    }
  }

  /** A value, or the reason there is none. */
  record Result(Object value, String error) {}

  /**
   * What a rule made of a subject. When {@code conditionError} is set nothing else is: the rule
   * could not say whether it fires. {@code problems} are non-fatal errors met while building a
   * finding (a severity override or a placeholder that failed).
   */
  record Verdict(
      boolean fired,
      String conditionError,
      Severity severity,
      String message,
      Map<String, Object> evidence,
      Remediation remediation,
      List<String> problems) {}

  /** The verdict of a rule that looked and did not fire: the common case, so allocated once. */
  private static final Verdict NOT_FIRED = new Verdict(false, null, null, null, null, null, List.of());

  static Result run(CelRuntime.Program program, Vars vars, EvaluationTime time) {
    try {
      return new Result(program.trace(vars, time.functions(), vars.budget()), null);
    } catch (EvaluationBudget.Exceeded e) {
      return new Result(null, e.getMessage());
    } catch (CelEvaluationException e) {
      if (e.getCause() instanceof EvaluationBudget.Exceeded exceeded) {
        return new Result(null, exceeded.getMessage());
      }
      // A failing binding (daysUntil on a malformed date) hides its reason in the cause.
      if (e.getMessage() != null && e.getMessage().contains(ITERATIONS_EXCEEDED)) {
        return new Result(null, "evaluation stopped after " + EvaluationBudget.MAX_ITERATIONS
            + " loop iterations, the limit of one expression");
      }
      String reason = e.getCause() != null && e.getCause().getMessage() != null ? ": " + e.getCause().getMessage() : "";
      return new Result(null, clean(e.getMessage()) + reason);
    } catch (RuntimeException e) {
      // A binding (daysUntil on a malformed date) may throw unchecked; it is still one subject's error.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new Result(null, clean(String.valueOf(cause.getMessage())));
    }
  }

  /** The program's value, or null when it fails (for callers that would discard the reason). */
  private static Object valueOrNull(CelRuntime.Program program, Vars vars, EvaluationTime time) {
    try {
      return program.trace(vars, time.functions(), vars.budget());
    } catch (CelEvaluationException | RuntimeException e) {
      return null;
    }
  }

  /** {@code subject} comes wrapped as CEL's resolver returns it: the engine wraps it once for all its rules. */
  static Verdict evaluate(CompiledRule rule, Optional<Object> subject, Optional<Object> params, EvaluationTime time) {
    Vars vars = new Vars(rule.subject().variable(), subject, params, time.celNow());
    Result condition = run(rule.condition(), vars, time);
    if (condition.error() != null) {
      return new Verdict(false, "condition: " + condition.error(), null, null, null, null, List.of());
    }
    if (!(condition.value() instanceof Boolean fired)) {
      return new Verdict(false, "condition returned " + describeType(condition.value()) + ", not bool",
          null, null, null, null, List.of());
    }
    if (!fired) {
      return NOT_FIRED;
    }
    List<String> problems = new ArrayList<>(0);
    Severity severity = effectiveSeverity(rule, vars, time, problems);
    String message = FindingBounds.text(rule.message().render(vars, time, problem -> problems.add("message " + problem)));
    Map<String, Object> evidence = new LinkedHashMap<>();
    rule.evidence().forEach((name, program) -> {
      // Evidence is best effort by design: a field the subject lacks is simply not shown, so the
      // reason it failed is not worth formatting.
      Object value = valueOrNull(program, vars, time);
      if (value != null) {
        CelValues.toPlain(value).ifPresent(plain -> evidence.put(name, FindingBounds.evidence(plain)));
      }
    });
    String text = FindingBounds.text(
        rule.remediationText().render(vars, time, problem -> problems.add("remediation.text " + problem)));
    List<String> commands = new ArrayList<>(rule.commands().size());
    for (int i = 0; i < rule.commands().size(); i++) {
      String where = "remediation.commands[" + i + "] ";
      commands.add(FindingBounds.text(rule.commands().get(i).render(vars, time, problem -> problems.add(where + problem))));
    }
    return new Verdict(true, null, severity, message, Collections.unmodifiableMap(evidence),
        new Remediation(text, List.copyOf(commands)), problems);
  }

  private static Severity effectiveSeverity(CompiledRule rule, Vars vars, EvaluationTime time, List<String> problems) {
    for (int i = 0; i < rule.severityOverrides().size(); i++) {
      CompiledRule.CompiledOverride override = rule.severityOverrides().get(i);
      Result when = run(override.when(), vars, time);
      if (when.error() != null) {
        problems.add("severityOverrides[" + i + "].when: " + when.error());
      } else if (Boolean.TRUE.equals(when.value())) {
        return override.severity();
      } else if (!(when.value() instanceof Boolean)) {
        problems.add("severityOverrides[" + i + "].when returned " + describeType(when.value()) + ", not bool");
      }
    }
    return rule.severity();
  }

  private static String describeType(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + CelValues.toPlain(value).map(CelValues::display).orElse("null");
  }

  static String clean(String message) {
    if (message == null) {
      return "unknown error";
    }
    Matcher matcher = CEL_POSITION.matcher(message.strip());
    String text = matcher.matches() ? matcher.group(2) + " (at character " + matcher.group(1) + ")" : message;
    return RuleCel.oneLine(text);
  }
}
