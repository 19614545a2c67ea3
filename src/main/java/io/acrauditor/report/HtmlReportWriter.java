package io.acrauditor.report;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import freemarker.template.Version;
import io.acrauditor.findings.AuditResult;
import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code report.html}: one self-contained page for a compliance reviewer, rendered by FreeMarker
 * from {@code reports/report.ftlh}. The built-in templates come from the classpath; a directory
 * given with {@code --templates} is searched first, so it can override any one template (or the
 * CSS) by giving a file of the same name.
 *
 * <p>The page is written to the output as FreeMarker renders it. Each registry of the access
 * matrix shows at most {@code pathsPerRegistry} paths, those that allow more than pull first,
 * then a row saying how many more there are: a tenant has hundreds of thousands of paths, more
 * than a browser can lay out or a reviewer read, and {@code findings.json} has them all.
 */
public final class HtmlReportWriter implements ReportWriter {
  public static final String FILE_NAME = "report.html";
  static final String MAIN_TEMPLATE = "report.ftlh";
  public static final int DEFAULT_PATHS_PER_REGISTRY = 50;

  /**
   * The built-in templates, all parsed by {@link #check()}; the main one only pulls the others in
   * as it reaches them, by which time part of the page is written.
   */
  static final List<String> TEMPLATES =
      List.of(
          MAIN_TEMPLATE, "macros.ftlh", "header.ftlh", "verdict.ftlh", "controls.ftlh", "summary.ftlh",
          "access-matrix.ftlh", "findings.ftlh", "accepted-risks.ftlh", "resolved.ftlh", "evaluation-errors.ftlh", "coverage.ftlh", "about.ftlh",
          "appendix.ftlh", "print-margins.ftlh");
  private static final Version ICI = Configuration.VERSION_2_3_34;

  private final Configuration freemarker;
  private final Optional<Path> templatesDir;
  private final int pathsPerRegistry;
  private final String classification;

  public HtmlReportWriter(Optional<Path> templatesDir) {
    this(templatesDir, DEFAULT_PATHS_PER_REGISTRY);
  }

  /** {@code pathsPerRegistry}: the most access paths shown for one registry, at least 1. */
  public HtmlReportWriter(Optional<Path> templatesDir, int pathsPerRegistry) {
    this(templatesDir, pathsPerRegistry, ReportOptions.DEFAULT_CLASSIFICATION);
  }

  /** {@code classification}: the marking in the page header ({@code --classification}); blank for none. */
  public HtmlReportWriter(Optional<Path> templatesDir, int pathsPerRegistry, String classification) {
    if (pathsPerRegistry < 1) {
      throw new IllegalArgumentException("pathsPerRegistry must be at least 1, was " + pathsPerRegistry);
    }
    this.freemarker = configure(loader(templatesDir));
    this.templatesDir = templatesDir;
    this.pathsPerRegistry = pathsPerRegistry;
    this.classification = classification == null ? "" : classification.strip();
  }

  @Override
  public String fileName() {
    return FILE_NAME;
  }

  /**
   * Parses every built-in template and every {@code .ftlh} of the templates directory (FreeMarker
   * caches them for the render), so that a syntax error fails before anything is written. Errors
   * that depend on the data (a missing variable) can only show while rendering.
   */
  @Override
  public void check() {
    Set<String> names = new TreeSet<>(TEMPLATES);
    templatesDir.ifPresent(dir -> names.addAll(templatesIn(dir)));
    for (String name : names) {
      try {
        freemarker.getTemplate(name);
      } catch (IOException | RuntimeException e) {
        throw failure(e);
      }
    }
  }

  @Override
  public void write(AuditResult result, OutputStream out) throws IOException {
    write(result, pathsPerRegistry, Medium.SCREEN, null, new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  /** Who reads the page: a browser ({@code report.html}), or the PDF renderer ({@code report.pdf}). */
  enum Medium {
    SCREEN("screen"),
    PDF("pdf");

    final String id;

    Medium(String id) {
      this.id = id;
    }
  }

  /**
   * Renders the page to {@code out} (flushed, not closed). Besides the model, the templates see
   * {@code classification} (a string, maybe empty), {@code medium} ({@code "screen"} or {@code
   * "pdf"}) and, when the PDF leaves part of a large result out, {@code printLimits}.
   */
  void write(AuditResult result, int pathsShown, Medium medium, PrintLimits.Omitted omitted, Writer out)
      throws IOException {
    HtmlModel model = HtmlModel.of(result, pathsShown);
    OutputWriter writer = new OutputWriter(out);
    try {
      Template template = freemarker.getTemplate(MAIN_TEMPLATE);
      // Globals rather than model fields: the model is the report's, these are the rendering's.
      Environment env = template.createProcessingEnvironment(model, writer);
      env.setGlobalVariable("classification", new SimpleScalar(classification));
      env.setGlobalVariable("medium", new SimpleScalar(medium.id));
      if (omitted != null) {
        env.setGlobalVariable("printLimits", freemarker.getObjectWrapper().wrap(omitted));
      }
      env.process();
      writer.flush();
    } catch (IOException | TemplateException | RuntimeException e) {
      IOException output = writer.failure();
      // FreeMarker may wrap what the writer threw; the disk failing is not a template problem.
      if (output != null) {
        throw output;
      }
      throw failure(e);
    }
  }

  private static ReportRenderException failure(Exception e) {
    if (e instanceof ReportRenderException r) {
      return r;
    }
    if (e instanceof TemplateNotFoundException notFound) {
      return new ReportRenderException(FILE_NAME, "template " + notFound.getTemplateName() + " not found", e);
    }
    if (e instanceof ParseException parse) {
      String where = parse.getTemplateName() == null ? MAIN_TEMPLATE : parse.getTemplateName();
      return new ReportRenderException(
          FILE_NAME, "template " + where + ":" + parse.getLineNumber() + ": " + parse.getEditorMessage(), e);
    }
    if (e instanceof TemplateException t) {
      String where = t.getTemplateSourceName() == null ? MAIN_TEMPLATE : t.getTemplateSourceName();
      String line = t.getLineNumber() == null ? "" : ":" + t.getLineNumber();
      return new ReportRenderException(FILE_NAME, "template " + where + line + ": " + t.getMessageWithoutStackTop(), e);
    }
    if (e instanceof IOException) {
      return new ReportRenderException(FILE_NAME, "cannot read templates: " + e.getMessage(), e);
    }
    return new ReportRenderException(FILE_NAME, "cannot render: " + e, e);
  }

  /** Template names (relative, with forward slashes) of the {@code .ftlh} files under {@code dir}. */
  private static List<String> templatesIn(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".ftlh") && Files.isRegularFile(f))
          .map(f -> dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new ReportRenderException(FILE_NAME, "cannot read templates directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Remembers the first failure of the output, which FreeMarker may report wrapped or not at all. */
  private static final class OutputWriter extends FilterWriter {
    private IOException failure;

    OutputWriter(Writer out) {
      super(new BufferedWriter(out, 16 * 1024));
    }

    IOException failure() {
      return failure;
    }

    private IOException remember(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return e;
    }

    @Override
    public void write(int c) throws IOException {
      try {
        out.write(c);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      try {
        out.write(cbuf, off, len);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
      try {
        out.write(str, off, len);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw remember(e);
      }
    }
  }

  private static TemplateLoader loader(Optional<Path> templatesDir) {
    TemplateLoader builtIn = new ClassTemplateLoader(HtmlReportWriter.class, "/reports");
    if (templatesDir.isEmpty()) {
      return builtIn;
    }
    Path dir = templatesDir.get();
    if (!Files.isDirectory(dir)) {
      throw new ReportRenderException(FILE_NAME, "templates directory " + dir + " does not exist or is not a directory", null);
    }
    try {
      return new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(dir.toFile()), builtIn});
    } catch (IOException e) {
      throw new ReportRenderException(FILE_NAME, "cannot read templates directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every string the templates print passes {@link VisibleText} on its way in, so no template,
   * built-in or from {@code --templates}, can show a name with a hidden override in it.
   */
  private static final class VisibleTextWrapper extends DefaultObjectWrapper {
    VisibleTextWrapper() {
      super(ICI);
      setExposeFields(false);
    }

    @Override
    public TemplateModel wrap(Object obj) throws TemplateModelException {
      return obj instanceof String s ? new SimpleScalar(VisibleText.of(s)) : super.wrap(obj);
    }
  }

  private static Configuration configure(TemplateLoader loader) {
    Configuration cfg = new Configuration(ICI);
    cfg.setTemplateLoader(loader);
    cfg.setDefaultEncoding(StandardCharsets.UTF_8.name());
    // .ftlh selects the HTML output format, which turns auto-escaping on for every ${...}.
    cfg.setRecognizeStandardFileExtensions(true);
    cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
    cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    // A template error must fail the report, not leave a half-rendered page that looks fine.
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setAttemptExceptionReporter((e, env) -> {});
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    // Templates from --templates are user files: they get no way into Java beyond the model.
    cfg.setAPIBuiltinEnabled(false);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setObjectWrapper(new VisibleTextWrapper());
    // Same bytes on every machine: no locale-dependent number grouping or time zone.
    cfg.setLocale(Locale.ROOT);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setNumberFormat("computer");
    cfg.setBooleanFormat("c");
    return cfg;
  }
}
