package io.acrauditor.rules;

import dev.cel.runtime.CelRuntime;
import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.Reference;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.index.SubjectKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rule ready to evaluate: every expression compiled once, parameters fixed. Immutable and safe
 * to share between threads. Parameter overrides make a copy that shares the compiled programs.
 */
public final class CompiledRule {
  record CompiledOverride(CelRuntime.Program when, Severity severity) {}

  private final RuleDefinition definition;
  private final CelRuntime.Program condition;
  private final Set<String> reads;
  private final List<CompiledOverride> severityOverrides;
  private final Template message;
  private final Map<String, CelRuntime.Program> evidence;
  private final Template remediationText;
  private final List<Template> commands;
  private final Map<String, Object> parameters;
  private final Optional<Object> celParameters;

  CompiledRule(
      RuleDefinition definition,
      CelRuntime.Program condition,
      Set<String> reads,
      List<CompiledOverride> severityOverrides,
      Template message,
      Map<String, CelRuntime.Program> evidence,
      Template remediationText,
      List<Template> commands,
      Map<String, Object> parameters) {
    this.definition = definition;
    this.condition = condition;
    this.reads = Collections.unmodifiableSet(new TreeSet<>(reads));
    this.severityOverrides = List.copyOf(severityOverrides);
    this.message = message;
    this.evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    this.remediationText = remediationText;
    this.commands = List.copyOf(commands);
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.celParameters = Optional.of(this.parameters);
  }

  CompiledRule withParameters(Map<String, Object> effective) {
    return new CompiledRule(definition, condition, reads, severityOverrides, message, evidence, remediationText, commands, effective);
  }

  public String id() {
    return definition.id();
  }

  public String title() {
    return definition.title();
  }

  public Severity severity() {
    return definition.severity();
  }

  public SubjectKind subject() {
    return definition.subject();
  }

  public List<Reference> references() {
    return definition.references();
  }

  public RuleDefinition definition() {
    return definition;
  }

  /** The parameters in effect: defaults, then configuration overrides. */
  public Map<String, Object> parameters() {
    return parameters;
  }

  public AppliedRule appliedRule() {
    return new AppliedRule(
        id(), title(), severity(), subject().variable(), definition.rationale(), references(), parameters,
        definition.evidenceLabels(), definition.commandNotes(), definition.remediation());
  }

  /**
   * The subject fields the condition reads, written from the subject ({@code aadProfile.managed},
   * {@code registriesPulled[].identityCanPull}), intermediate paths included.
   */
  public Set<String> reads() {
    return reads;
  }

  /**
   * Whether the condition reads a field the subject says could not be read ({@code notRead}): the
   * rule can then neither pass nor fail on it.
   */
  boolean readsAnyOf(List<String> notRead) {
    for (String unread : notRead) {
      for (String path : reads) {
        if (path.equals(unread) || path.startsWith(unread + ".") || path.startsWith(unread + "[]")) {
          return true;
        }
      }
    }
    return false;
  }

  Optional<Object> celParameters() {
    return celParameters;
  }

  CelRuntime.Program condition() {
    return condition;
  }

  List<CompiledOverride> severityOverrides() {
    return severityOverrides;
  }

  Template message() {
    return message;
  }

  Map<String, CelRuntime.Program> evidence() {
    return evidence;
  }

  Template remediationText() {
    return remediationText;
  }

  List<Template> commands() {
    return commands;
  }
}
