package io.acrauditor.findings;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Moves failed checks to waived. The evaluation counts checks before any waiver is read (they are
 * judged on the report's day, and a resumed run keeps its counts), so the subtraction happens once,
 * here, when the report is assembled: a (rule, subject) check that failed counts as waived when
 * every finding it raised on that subject carries a waiver that applies. {@code evaluated} stays as
 * counted, so evaluated = passed + failed + notAssessed + waived still holds.
 */
public final class WaivedChecks {
  private WaivedChecks() {}

  public static List<RuleChecks> apply(List<RuleChecks> checks, List<Finding> findings, Waivers waivers) {
    if (waivers == null || waivers.all().isEmpty()) {
      return checks;
    }
    // (rule, subject) -> every finding there waived so far
    Map<String, Boolean> allWaived = new HashMap<>();
    for (Finding f : findings) {
      allWaived.merge(key(f), waivers.applying(f).isPresent(), Boolean::logicalAnd);
    }
    Map<String, Integer> waivedByRule = new HashMap<>();
    allWaived.forEach((key, waived) -> {
      if (waived) {
        waivedByRule.merge(key.substring(0, key.indexOf('\n')), 1, Integer::sum);
      }
    });
    return checks.stream()
        .map(c -> {
          // Never more than the failed checks counted: a finding without a counted check stays out.
          int waived = Math.min(c.failed(), waivedByRule.getOrDefault(c.ruleId(), 0));
          return waived == 0
              ? c
              : new RuleChecks(c.ruleId(), c.evaluated(), c.passed(), c.failed() - waived, c.notAssessed(),
                  c.waived() + waived);
        })
        .toList();
  }

  private static String key(Finding f) {
    String subject = f.subject() == null || f.subject().resourceId() == null
        ? f.fingerprint()
        : f.subject().resourceId().toLowerCase(Locale.ROOT);
    return f.ruleId() + "\n" + subject;
  }
}
