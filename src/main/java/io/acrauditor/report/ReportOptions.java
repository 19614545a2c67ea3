package io.acrauditor.report;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@code audit} was asked to write: which formats, and the classification marking printed
 * in the report header and on every PDF page. {@code findings.json} is always among the formats.
 */
public record ReportOptions(Set<ReportFormat> formats, String classification) {
  public static final String DEFAULT_FORMATS = ReportFormat.DEFAULT;
  public static final String DEFAULT_CLASSIFICATION = "Confidential";
  public static final ReportOptions DEFAULT =
      new ReportOptions(ReportFormat.parse(DEFAULT_FORMATS), DEFAULT_CLASSIFICATION);

  public ReportOptions {
    Set<ReportFormat> all = EnumSet.of(ReportFormat.ALWAYS);
    all.addAll(formats);
    formats = Collections.unmodifiableSet(all);
    classification = classification == null ? "" : classification.strip();
  }
}
