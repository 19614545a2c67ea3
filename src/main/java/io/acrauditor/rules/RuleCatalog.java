package io.acrauditor.rules;

import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.Reference;
import io.acrauditor.inventory.index.SubjectKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The effective rules of a run, sorted by id, grouped by subject kind for evaluation. */
public final class RuleCatalog {
  private final List<CompiledRule> rules;
  private final Map<SubjectKind, List<CompiledRule>> bySubject = new EnumMap<>(SubjectKind.class);
  private final String digest;

  RuleCatalog(List<CompiledRule> rules) {
    this.rules = rules.stream().sorted(Comparator.comparing(CompiledRule::id)).toList();
    for (SubjectKind kind : SubjectKind.values()) {
      bySubject.put(kind, this.rules.stream().filter(rule -> rule.subject() == kind).toList());
    }
    this.digest = digestOf(this.rules);
  }

  /**
   * The built-in catalogue plus {@code extraDirs}, with parameter overrides, self-tested.
   *
   * @throws RuleLoadException with a one-line message naming the file and the problem
   */
  public static RuleCatalog load(List<Path> extraDirs, Map<String, String> parameterOverrides) {
    return RuleLoader.builtIn().withDirectories(extraDirs).withParameters(parameterOverrides).load();
  }

  public List<CompiledRule> rules() {
    return rules;
  }

  public List<CompiledRule> rulesFor(SubjectKind kind) {
    return bySubject.get(kind);
  }

  public Optional<CompiledRule> rule(String id) {
    return rules.stream().filter(rule -> rule.id().equals(id)).findFirst();
  }

  /**
   * SHA-256 (hex) over the effective rule files' bytes in id order: two runs with the same digest
   * applied the same rule text. Parameters are reported separately in {@link #appliedRules()}.
   */
  public String digest() {
    return digest;
  }

  public List<AppliedRule> appliedRules() {
    return rules.stream().map(CompiledRule::appliedRule).toList();
  }

  /** A rule as {@code rules explain} prints it. */
  public String explain(String id) {
    CompiledRule rule = rule(id).orElseThrow(() -> new IllegalArgumentException("no rule '" + id + "'"));
    RuleDefinition d = rule.definition();
    StringBuilder out = new StringBuilder();
    out.append(d.id()).append("  ").append(d.title()).append('\n');
    line(out, "Name", d.name());
    line(out, "Severity", d.severity().label());
    line(out, "Subject", d.subject().variable());
    line(out, "File", d.file());
    out.append("\nCondition:\n").append(indent(d.condition().strip())).append('\n');
    if (!d.severityOverrides().isEmpty()) {
      out.append("\nSeverity overrides (first match wins):\n");
      d.severityOverrides().forEach(o -> out.append("  ").append(o.severity().label()).append(" when ")
          .append(RuleCel.oneLine(o.when())).append('\n'));
    }
    if (!d.parameters().isEmpty()) {
      out.append("\nParameters:\n");
      d.parameters().forEach((name, p) -> {
        Object effective = rule.parameters().get(name);
        out.append("  ").append(name).append(" = ").append(CelValues.display(effective));
        if (!effective.equals(p.defaultValue())) {
          out.append(" (default ").append(CelValues.display(p.defaultValue())).append(')');
        }
        if (p.description() != null && !p.description().isBlank()) {
          out.append("  ").append(RuleCel.oneLine(p.description()));
        }
        out.append('\n');
      });
    }
    out.append("\nMessage:\n").append(indent(d.message().strip())).append('\n');
    out.append("\nRationale:\n").append(indent(d.rationale().strip())).append('\n');
    out.append("\nRemediation:\n").append(indent(d.remediation().text().strip())).append('\n');
    d.remediation().commands().forEach(c -> out.append("  $ ").append(c).append('\n'));
    out.append("\nReferences:\n");
    for (Reference ref : d.references()) {
      out.append("  [").append(ref.kind()).append("] ");
      if (ref.id() != null) {
        out.append(ref.id()).append(' ');
      }
      out.append(ref.title());
      if (ref.url() != null) {
        out.append(" <").append(ref.url()).append('>');
      }
      out.append('\n');
    }
    out.append("\nTests:\n");
    d.tests().forEach(t -> out.append("  ").append(t.expected()).append("  ").append(t.name()).append('\n'));
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("%-9s %s%n", label + ":", value));
  }

  private static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }

  private static String digestOf(List<CompiledRule> rules) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (CompiledRule rule : rules) {
        // The id and length frame each file, so moving bytes between files changes the digest.
        sha.update((rule.id() + "\n" + rule.definition().fileBytes().length + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(rule.definition().fileBytes());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
