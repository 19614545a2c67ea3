package io.acrauditor.rules;

import io.acrauditor.findings.Reference;
import io.acrauditor.findings.Remediation;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.index.SubjectKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads one rule file into a {@link RuleDefinition}: YAML syntax, known keys, required keys and
 * value types. CEL is not looked at here; {@link RuleCompiler} does that.
 */
final class RuleParser {
  /** Tests that do not say when they run are evaluated at this instant, so they never age. */
  static final Instant DEFAULT_TEST_NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> REFERENCE_KINDS = Set.of("guidance", "mcsb", "azure-policy");

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private RuleParser() {}

  static RuleDefinition parse(RuleSource source) {
    KeyLines lines = KeyLines.of(YAML, source.bytes());
    RuleFile raw = read(source, lines);
    try {
      return validate(raw, source);
    } catch (RuleProblem e) {
      String at = e.path == null ? "" : lines.line(e.path).stream().mapToObj(line -> ":" + line).findFirst().orElse("");
      throw new RuleLoadException(source.displayName() + at + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw RuleLoadException.in(source.displayName(), e.getMessage());
    }
  }

  /** A problem at a key of the file; {@code path} (dotted, [i] indices) locates its line. */
  private static final class RuleProblem extends IllegalArgumentException {
    private final String path;

    RuleProblem(String path, String message) {
      super(message);
      this.path = path;
    }
  }

  private static RuleFile read(RuleSource source, KeyLines lines) {
    RuleFile raw;
    try {
      raw = YAML.readValue(source.bytes(), RuleFile.class);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(String::valueOf).sorted().collect(Collectors.joining(", "));
      throw new RuleLoadException(at(source, lines, path(e), e.getLocation()) + "unknown key '" + path(e) + "'"
          + (known.isEmpty() ? "" : "; expected one of " + known));
    } catch (JacksonException e) {
      if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
        // A second document would be silently ignored otherwise: one file, one rule, one meaning.
        throw new RuleLoadException(at(source, lines, "", e.getLocation())
            + "a rule file holds one YAML document; found more after it");
      }
      String where = path(e);
      throw new RuleLoadException(at(source, lines, where, e.getLocation()) + (where.isEmpty() ? "" : where + ": ")
          + firstLine(e.getOriginalMessage()));
    }
    if (raw == null) {
      throw RuleLoadException.in(source.displayName(), "the file is empty");
    }
    return raw;
  }

  private static String at(RuleSource source, KeyLines lines, String path, TokenStreamLocation location) {
    if (!path.isEmpty() && lines.line(path).isPresent()) {
      return source.displayName() + ":" + lines.line(path).getAsInt() + ": ";
    }
    if (location != null && location.getLineNr() > 0) {
      return source.displayName() + ":" + location.getLineNr() + ": ";
    }
    return source.displayName() + ": ";
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The parser's sentences without its source excerpts and carets, on one line. */
  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable YAML";
    }
    String text = message.strip().lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .map(String::strip)
        .map(line -> line.endsWith(":") ? line.substring(0, line.length() - 1) : line)
        .collect(Collectors.joining("; "));
    return text.isEmpty() ? RuleCel.oneLine(message) : text;
  }

  private static RuleDefinition validate(RuleFile raw, RuleSource source) {
    String id = required(raw.id(), "id");
    if (!ID.matcher(id).matches()) {
      throw new RuleProblem("id", "id '" + id + "' may hold only letters, digits, '-' and '_'");
    }
    String expectedId = stripExtension(source.fileName());
    if (!id.equals(expectedId)) {
      throw new RuleProblem("id", "id '" + id + "' does not match the file name; rename the file to "
          + id + ".yaml or the id to " + expectedId);
    }
    Severity severity = severity(required(raw.severity(), "severity"), "severity");
    SubjectKind subject = subject(required(raw.subject(), "subject"));
    Map<String, Parameter> parameters = parameters(raw);
    List<SeverityOverride> overrides = new ArrayList<>();
    if (raw.severityOverrides() != null) {
      for (int i = 0; i < raw.severityOverrides().size(); i++) {
        RuleFile.SeverityOverrideSpec spec = raw.severityOverrides().get(i);
        String where = "severityOverrides[" + i + "]";
        if (spec == null) {
          throw new RuleProblem(where, where + " is empty");
        }
        overrides.add(new SeverityOverride(required(spec.when(), where + ".when"),
            severity(required(spec.severity(), where + ".severity"), where + ".severity")));
      }
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    Map<String, String> evidenceLabels = new LinkedHashMap<>();
    if (raw.evidence() != null) {
      raw.evidence().forEach((name, entry) -> evidenceEntry(name, entry, evidence, evidenceLabels));
    }
    List<String> commandNotes = new ArrayList<>();
    Remediation remediation = remediation(raw.remediation(), commandNotes);
    return new RuleDefinition(
        id,
        required(raw.name(), "name"),
        required(raw.title(), "title"),
        severity,
        subject,
        parameters,
        required(raw.condition(), "condition"),
        List.copyOf(overrides),
        required(raw.message(), "message"),
        evidence,
        required(raw.rationale(), "rationale"),
        remediation,
        references(raw.references()),
        tests(raw.tests(), parameters),
        source.displayName(),
        source.bytes(),
        source.builtIn(),
        Map.copyOf(evidenceLabels),
        java.util.Collections.unmodifiableList(commandNotes));
  }

  /** {@code name: EXPR}, or {@code name: {value: EXPR, label: TEXT}} to give the report a label. */
  private static void evidenceEntry(String name, Object entry, Map<String, String> evidence, Map<String, String> labels) {
    String where = "evidence." + name;
    if (entry instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        if (!"value".equals(key) && !"label".equals(key)) {
          throw new RuleProblem(where, where + ": unknown key '" + key + "'; expected value, label");
        }
      }
      evidence.put(name, required(text(map.get("value"), where + ".value"), where + ".value"));
      String label = text(map.get("label"), where + ".label");
      if (label != null && !label.isBlank()) {
        labels.put(name, label.strip());
      }
    } else {
      evidence.put(name, required(text(entry, where), where));
    }
  }

  private static String text(Object value, String where) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new RuleProblem(where, where + ": expected text, found " + (value instanceof Map ? "a map" : value instanceof List ? "a list" : value));
  }

  static String stripExtension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? fileName : fileName.substring(0, dot);
  }

  private static String required(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new RuleProblem(key, "missing required key '" + key + "'");
    }
    return value;
  }

  private static Severity severity(String text, String key) {
    try {
      return Severity.parse(text);
    } catch (IllegalArgumentException e) {
      throw new RuleProblem(key, key + ": " + e.getMessage());
    }
  }

  private static SubjectKind subject(String text) {
    try {
      return SubjectKind.fromVariable(text.trim());
    } catch (IllegalArgumentException e) {
      throw new RuleProblem("subject", "subject: " + e.getMessage());
    }
  }

  private static Map<String, Parameter> parameters(RuleFile raw) {
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    if (raw.parameters() == null) {
      return parameters;
    }
    raw.parameters().forEach((name, spec) -> {
      String where = "parameters." + name;
      if (!IDENTIFIER.matcher(name).matches()) {
        throw new RuleProblem(where, where + ": a parameter name must be a CEL identifier");
      }
      if (spec == null || spec.defaultValue() == null) {
        throw new RuleProblem(where, "missing required key '" + where + ".default'");
      }
      try {
        Object value = ParameterValues.checkDefault(CelValues.fromPlain(spec.defaultValue()));
        parameters.put(name, new Parameter(name, value, spec.description()));
      } catch (IllegalArgumentException e) {
        throw new RuleProblem(where + ".default", where + ".default: " + e.getMessage());
      }
    });
    return parameters;
  }

  /**
   * A command is {@code az ...}, or {@code {command: az ..., disrupts: TEXT}} saying what running
   * it disrupts; {@code notes} receives that text per command, null for a plain one.
   */
  private static Remediation remediation(RuleFile.RemediationSpec raw, List<String> notes) {
    if (raw == null) {
      throw new IllegalArgumentException("missing required key 'remediation'");
    }
    required(raw.text(), "remediation.text");
    List<Object> entries = raw.commands() == null ? List.of() : raw.commands();
    List<String> commands = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = "remediation.commands[" + i + "]";
      Object entry = entries.get(i);
      if (entry instanceof Map<?, ?> map) {
        for (Object key : map.keySet()) {
          if (!"command".equals(key) && !"disrupts".equals(key)) {
            throw new RuleProblem(where, where + ": unknown key '" + key + "'; expected command, disrupts");
          }
        }
        commands.add(required(text(map.get("command"), where + ".command"), where + ".command"));
        String disrupts = text(map.get("disrupts"), where + ".disrupts");
        notes.add(disrupts == null || disrupts.isBlank() ? null : disrupts.strip());
      } else {
        commands.add(required(text(entry, where), where));
        notes.add(null);
      }
    }
    return new Remediation(raw.text(), List.copyOf(commands));
  }

  private static List<Reference> references(List<Reference> raw) {
    if (raw == null || raw.isEmpty()) {
      throw new IllegalArgumentException("missing required key 'references' (at least one reference)");
    }
    for (int i = 0; i < raw.size(); i++) {
      Reference ref = raw.get(i);
      String where = "references[" + i + "]";
      if (ref == null) {
        throw new RuleProblem(where, where + " is empty");
      }
      String kind = required(ref.kind(), where + ".kind");
      if (!REFERENCE_KINDS.contains(kind)) {
        throw new RuleProblem(where + ".kind", where + ".kind: unknown kind '" + kind
            + "'; expected one of guidance, mcsb, azure-policy");
      }
      required(ref.title(), where + ".title");
      if (kind.equals("guidance")) {
        required(ref.url(), where + ".url");
      } else {
        required(ref.id(), where + ".id");
      }
    }
    return List.copyOf(raw);
  }

  private static List<RuleTest> tests(List<RuleFile.TestSpec> raw, Map<String, Parameter> parameters) {
    if (raw == null || raw.isEmpty()) {
      throw new IllegalArgumentException("missing required key 'tests' (at least one 'fire' and one 'pass' test)");
    }
    List<RuleTest> tests = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      RuleFile.TestSpec spec = raw.get(i);
      String path = "tests[" + i + "]";
      if (spec == null) {
        throw new RuleProblem(path, path + " is empty");
      }
      String name = required(spec.name(), path + ".name");
      String where = "test '" + name + "'";
      if (!names.add(name)) {
        throw new RuleProblem(path, where + " is defined twice");
      }
      if (spec.subject() == null) {
        throw new RuleProblem(path, where + ": missing required key 'subject'");
      }
      String expect = required(spec.expect(), path + ".expect");
      if (!expect.equals("fire") && !expect.equals("pass") && !expect.equals("not-assessed")) {
        throw new RuleProblem(path + ".expect", where + ".expect: '" + expect
            + "' is none of fire, pass, not-assessed");
      }
      tests.add(new RuleTest(
          name,
          asMap(CelValues.fromPlain(spec.subject())),
          testParams(spec.params(), parameters, where, path),
          testNow(spec.now(), where, path),
          expect.equals("fire"),
          spec.severity() == null ? null : severity(spec.severity(), path + ".severity"),
          spec.messageContains(),
          expect.equals("not-assessed")));
    }
    if (tests.stream().noneMatch(RuleTest::expectFire)) {
      throw new RuleProblem("tests", "tests: no test expects 'fire'; add one that shows the rule firing");
    }
    if (tests.stream().noneMatch(t -> !t.expectFire() && !t.expectNotAssessed())) {
      throw new RuleProblem("tests", "tests: no test expects 'pass'; add one that shows the rule not firing");
    }
    return List.copyOf(tests);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> testParams(Map<String, Object> raw, Map<String, Parameter> parameters, String where, String path) {
    Map<String, Object> params = new LinkedHashMap<>();
    if (raw == null) {
      return params;
    }
    raw.forEach((name, value) -> {
      Parameter parameter = parameters.get(name);
      if (parameter == null) {
        throw new RuleProblem(path + ".params." + name, where + ".params: unknown parameter '" + name + "'; declared: "
            + (parameters.isEmpty() ? "none" : String.join(", ", parameters.keySet())));
      }
      try {
        params.put(name, ParameterValues.coerce(parameter.defaultValue(), CelValues.fromPlain(value)));
      } catch (IllegalArgumentException e) {
        throw new RuleProblem(path + ".params." + name, where + ".params." + name + ": " + e.getMessage());
      }
    });
    return params;
  }

  private static Instant testNow(String text, String where, String path) {
    if (text == null) {
      return DEFAULT_TEST_NOW;
    }
    try {
      return EvaluationTime.parse(text);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new RuleProblem(path + ".now", where + ".now: '" + text + "' is not an ISO-8601 timestamp");
    }
  }
}
