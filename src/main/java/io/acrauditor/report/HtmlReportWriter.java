package io.acrauditor.report;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import freemarker.template.Version;
import io.acrauditor.findings.AuditResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

/**
 * {@code report.html}: one self-contained page for a compliance reviewer, rendered by FreeMarker
 * from {@code reports/report.ftlh}. The built-in templates come from the classpath; a directory
 * given with {@code --templates} is searched first, so it can override any one template (or the
 * CSS) by giving a file of the same name.
 */
public final class HtmlReportWriter implements ReportWriter {
  public static final String FILE_NAME = "report.html";
  static final String MAIN_TEMPLATE = "report.ftlh";
  private static final Version ICI = Configuration.VERSION_2_3_34;

  private final Configuration freemarker;

  public HtmlReportWriter(Optional<Path> templatesDir) {
    this.freemarker = configure(loader(templatesDir));
  }

  @Override
  public String fileName() {
    return FILE_NAME;
  }

  @Override
  public byte[] render(AuditResult result) {
    HtmlModel model = HtmlModel.of(result);
    StringWriter out = new StringWriter(64 * 1024);
    try {
      Template template = freemarker.getTemplate(MAIN_TEMPLATE);
      template.process(model, out);
    } catch (TemplateNotFoundException e) {
      throw new ReportRenderException(FILE_NAME, "template " + e.getTemplateName() + " not found", e);
    } catch (TemplateException e) {
      String where = e.getTemplateSourceName() == null ? MAIN_TEMPLATE : e.getTemplateSourceName();
      String line = e.getLineNumber() == null ? "" : ":" + e.getLineNumber();
      throw new ReportRenderException(FILE_NAME, "template " + where + line + ": " + e.getMessageWithoutStackTop(), e);
    } catch (IOException e) {
      throw new ReportRenderException(FILE_NAME, "cannot read templates: " + e.getMessage(), e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
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
    DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(ICI);
    wrapper.setExposeFields(false);
    cfg.setObjectWrapper(wrapper.build());
    // Same bytes on every machine: no locale-dependent number grouping or time zone.
    cfg.setLocale(Locale.ROOT);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setNumberFormat("computer");
    cfg.setBooleanFormat("c");
    return cfg;
  }
}
