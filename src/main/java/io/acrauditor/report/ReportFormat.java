package io.acrauditor.report;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files an audit can write into its run folder, chosen with {@code audit --format}. {@code
 * findings.json} is written whatever is chosen: it is the run's record and the next run's
 * baseline.
 */
public enum ReportFormat {
  HTML("report.html"),
  JSON(JsonReportWriter.FILE_NAME),
  SARIF(SarifReportWriter.FILE_NAME),
  OCSF(OcsfReportWriter.FILE_NAME),
  CSV(CsvReportWriter.FILE_NAME),
  JSONL(JsonLinesReportWriter.FILE_NAME);

  /** What {@code --format} means when it is not given. */
  public static final String DEFAULT = "html,json";

  private final String fileName;

  ReportFormat(String fileName) {
    this.fileName = fileName;
  }

  public String fileName() {
    return fileName;
  }

  /** The name {@code --format} takes, e.g. {@code sarif}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The formats named in a comma-separated list, case-insensitive, plus {@link #JSON}.
   *
   * @throws IllegalArgumentException naming the first unknown value and the known ones
   */
  public static Set<ReportFormat> parse(String commaSeparated) {
    Set<ReportFormat> formats = EnumSet.of(JSON);
    for (String value : (commaSeparated == null ? "" : commaSeparated).split(",", -1)) {
      String name = value.trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty format in '" + commaSeparated + "'; expected " + known());
      }
      formats.add(Stream.of(values())
          .filter(f -> f.label().equalsIgnoreCase(name))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown format '" + name + "'; expected " + known())));
    }
    return formats;
  }

  private static String known() {
    return Stream.of(values()).map(ReportFormat::label).collect(Collectors.joining(", ", "one or more of ", ""));
  }
}
