package io.acrauditor.report;

import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.ControlChecks;
import io.acrauditor.findings.Controls;
import io.acrauditor.findings.RuleChecks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Controls passed and failed: a row per rule applied, and a row per MCSB control. */
public record ControlsView(List<RuleRow> rules, List<ControlChecks> mcsb, int checks, int failed, int notAssessed) {

  public record RuleRow(String ruleId, String title, String severity, RuleChecks checks) {}

  static ControlsView of(Controls controls, List<AppliedRule> rules) {
    Map<String, AppliedRule> byId = new HashMap<>();
    rules.forEach(r -> byId.put(r.id(), r));
    List<RuleRow> rows = controls.rules().stream()
        .map(c -> {
          AppliedRule r = byId.get(c.ruleId());
          return new RuleRow(c.ruleId(), r == null ? null : r.title(), r == null || r.severity() == null ? "info" : r.severity().label(), c);
        })
        .toList();
    return new ControlsView(
        rows, controls.mcsb(),
        controls.rules().stream().mapToInt(RuleChecks::evaluated).sum(),
        controls.rules().stream().mapToInt(RuleChecks::failed).sum(),
        controls.rules().stream().mapToInt(RuleChecks::notAssessed).sum());
  }
}
