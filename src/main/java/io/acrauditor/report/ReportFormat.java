package io.acrauditor.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The files {@code audit} can write, as {@code --format} names them. A new format is a new
 * constant with its {@link ReportWriter}; {@link ReportWriters#forFormats} writes them in
 * declaration order (people's reports first) and {@link #JSON} last whatever the declaration
 * order, because its presence marks a complete run folder.
 */
public enum ReportFormat {
  HTML("html", HtmlReportWriter.FILE_NAME,
      (templates, options) -> new HtmlReportWriter(
          templates, HtmlReportWriter.DEFAULT_PATHS_PER_REGISTRY, options.classification())),
  PDF("pdf", PdfReportWriter.FILE_NAME, (templates, options) -> new PdfReportWriter(templates, options.classification())),
  SARIF("sarif", SarifReportWriter.FILE_NAME, (templates, options) -> new SarifReportWriter()),
  OCSF("ocsf", OcsfReportWriter.FILE_NAME, (templates, options) -> new OcsfReportWriter()),
  CSV("csv", CsvReportWriter.FILE_NAME, (templates, options) -> new CsvReportWriter()),
  JSONL("jsonl", JsonLinesReportWriter.FILE_NAME, (templates, options) -> new JsonLinesReportWriter()),
  JSON("json", JsonReportWriter.FILE_NAME, (templates, options) -> new JsonReportWriter());

  /** Written on every run: the baseline of the next run and what automation reads. */
  public static final ReportFormat ALWAYS = JSON;

  /** What {@code --format} means when it is not given. */
  public static final String DEFAULT = "html,json,pdf";

  private final String id;
  private final String fileName;
  private final BiFunction<Optional<Path>, ReportOptions, ReportWriter> writer;

  ReportFormat(String id, String fileName, BiFunction<Optional<Path>, ReportOptions, ReportWriter> writer) {
    this.id = id;
    this.fileName = fileName;
    this.writer = writer;
  }

  /** The name {@code --format} takes. */
  public String id() {
    return id;
  }

  /** The file it writes inside the run folder. */
  public String fileName() {
    return fileName;
  }

  ReportWriter writer(Optional<Path> templates, ReportOptions options) {
    return writer.apply(templates, options);
  }

  /** Every format id, comma-separated, for help and error messages. */
  public static String ids() {
    return Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", "));
  }

  /**
   * The formats of a comma-separated list such as {@code html,pdf}, ignoring case and blanks
   * around names, always with {@link #ALWAYS}.
   *
   * @throws IllegalArgumentException naming the first unknown or empty entry and the valid ids
   */
  public static Set<ReportFormat> parse(String list) {
    Set<ReportFormat> formats = EnumSet.of(ALWAYS);
    for (String raw : (list == null ? "" : list).split(",", -1)) {
      String name = raw.strip().toLowerCase(Locale.ROOT);
      formats.add(Arrays.stream(values())
          .filter(f -> f.id.equals(name))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(
              (name.isEmpty() ? "empty format in '" + list + "'" : "unknown format '" + raw.strip() + "'")
                  + "; valid formats: " + ids())));
    }
    return formats;
  }
}
