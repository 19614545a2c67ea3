package io.acrauditor.rules;

import dev.cel.runtime.CelRuntime;
import io.acrauditor.inventory.index.SubjectKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles every CEL expression of a rule (condition, severity overrides, message, evidence,
 * remediation) and checks the inline test subjects against the subject's shape, so a test cannot
 * pass by exercising a misspelt field. Any problem names the file.
 */
final class RuleCompiler {
  private RuleCompiler() {}

  static CompiledRule compile(RuleDefinition rule) {
    try {
      return compileChecked(rule);
    } catch (IllegalArgumentException e) {
      throw RuleLoadException.in(rule.file(), e.getMessage());
    }
  }

  private static CompiledRule compileChecked(RuleDefinition rule) {
    RuleCel cel = RuleCel.get();
    SubjectKind kind = rule.subject();
    Shape.Fields params = Shape.ofParameters(rule.parameters().keySet());
    RuleCel.Reading condition = cel.compileReading(kind, params, "condition", rule.condition(), RuleCel.Result.BOOL);
    List<CompiledRule.CompiledOverride> overrides = new ArrayList<>();
    for (int i = 0; i < rule.severityOverrides().size(); i++) {
      SeverityOverride override = rule.severityOverrides().get(i);
      overrides.add(new CompiledRule.CompiledOverride(
          cel.compile(kind, params, "severityOverrides[" + i + "].when", override.when(), RuleCel.Result.BOOL),
          override.severity()));
    }
    Template message = Template.compile(rule.message(), "message", kind, params);
    Map<String, CelRuntime.Program> evidence = new LinkedHashMap<>();
    rule.evidence().forEach((name, expression) ->
        evidence.put(name, cel.compile(kind, params, "evidence." + name, expression, RuleCel.Result.ANY)));
    Template text = Template.compile(rule.remediation().text(), "remediation.text", kind, params);
    List<Template> commands = new ArrayList<>();
    for (int i = 0; i < rule.remediation().commands().size(); i++) {
      commands.add(Template.compileCommand(rule.remediation().commands().get(i), "remediation.commands[" + i + "]", kind, params));
    }
    Shape.Fields subjectShape = Shape.ofSubject(kind);
    for (RuleTest test : rule.tests()) {
      List<String> problems = new ArrayList<>();
      checkSample(test.subject(), subjectShape, kind.variable(), problems);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("test '" + test.name() + "' subject: " + String.join("; ", problems));
      }
    }
    Map<String, Object> defaults = new LinkedHashMap<>();
    rule.parameters().forEach((name, parameter) -> defaults.put(name, parameter.defaultValue()));
    return new CompiledRule(rule, condition.program(), condition.subjectPaths(), overrides, message, evidence, text,
        commands, defaults);
  }

  private static void checkSample(Object value, Shape shape, String path, List<String> problems) {
    if (shape instanceof Shape.Fields fields && value instanceof Map<?, ?> map) {
      map.forEach((key, child) -> {
        String name = String.valueOf(key);
        if (!fields.fields().containsKey(name)) {
          problems.add("unknown field '" + name + "' in " + path + FieldChecker.suggestions(name, fields));
        } else {
          checkSample(child, fields.field(name), path + "." + name, problems);
        }
      });
    } else if (shape instanceof Shape.ListOf list && value instanceof List<?> elements) {
      for (int i = 0; i < elements.size(); i++) {
        checkSample(elements.get(i), list.element(), path + "[" + i + "]", problems);
      }
    }
  }
}
