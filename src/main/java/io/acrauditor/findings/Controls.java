package io.acrauditor.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks per rule applied, and the same added up per MCSB control. */
public record Controls(List<RuleChecks> rules, List<ControlChecks> mcsb) {
  public static final String MCSB = "mcsb";

  public static Controls empty() {
    return new Controls(List.of(), List.of());
  }

  /** {@code checks} may miss a rule that had no subject: it is listed with zeros. */
  public static Controls of(List<AppliedRule> applied, List<RuleChecks> checks) {
    Map<String, RuleChecks> byRule = new LinkedHashMap<>();
    for (RuleChecks c : checks) {
      byRule.put(c.ruleId(), c);
    }
    List<RuleChecks> rules = new ArrayList<>();
    Map<String, ControlChecks> controls = new LinkedHashMap<>();
    for (AppliedRule rule : applied) {
      RuleChecks c = byRule.getOrDefault(rule.id(), new RuleChecks(rule.id(), 0, 0, 0, 0, 0));
      rules.add(c);
      for (Reference ref : rule.references() == null ? List.<Reference>of() : rule.references()) {
        if (!MCSB.equals(ref.kind()) || ref.id() == null) {
          continue;
        }
        controls.merge(ref.id(), new ControlChecks(ref.id(), ref.title(), List.of(rule.id()), c.evaluated(), c.passed(),
            c.failed(), c.notAssessed(), c.waived()), Controls::add);
      }
    }
    rules.sort(Comparator.comparing(RuleChecks::ruleId));
    List<ControlChecks> mcsb = new ArrayList<>(controls.values());
    mcsb.sort(Comparator.comparing(ControlChecks::control));
    return new Controls(List.copyOf(rules), List.copyOf(mcsb));
  }

  private static ControlChecks add(ControlChecks a, ControlChecks b) {
    List<String> rules = new ArrayList<>(a.rules());
    rules.addAll(b.rules());
    rules.sort(Comparator.naturalOrder());
    return new ControlChecks(a.control(), a.title() != null ? a.title() : b.title(), List.copyOf(rules),
        a.evaluated() + b.evaluated(), a.passed() + b.passed(), a.failed() + b.failed(),
        a.notAssessed() + b.notAssessed(), a.waived() + b.waived());
  }
}
