package io.acrauditor.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.PageSizeUnits;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.acrauditor.findings.AuditResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

/**
 * {@code report.pdf}: the HTML report laid out on A4 pages by openhtmltopdf, from the same
 * templates and model as {@code report.html} rendered for {@code medium == "pdf"} (the page margin
 * header and footer of {@code print-margins.ftlh}; print styles in {@code print.css}). No browser
 * is involved.
 *
 * <p>The page is parsed as HTML5 by jsoup and handed to the renderer as a W3C DOM, so a hostile
 * string in the model stays text (FreeMarker escaped it; the parser sees no markup in it). The
 * renderer loads nothing: every URI is refused before and after resolution, and the fonts are the
 * Liberation fonts on the classpath, embedded (subset) in the file.
 *
 * <p>Unlike {@code report.html} the PDF cannot stream: the renderer holds the whole document. What
 * goes into it is bounded by {@link PrintLimits}.
 */
public final class PdfReportWriter implements ReportWriter {
  public static final String FILE_NAME = "report.pdf";

  /** Base URI of the page: not a place anything could be loaded from, and nothing is. */
  private static final String BASE_URI = "about:blank";

  private static final String SANS = "Liberation Sans";
  private static final String MONO = "Liberation Mono";

  /** A font file of openpdf-fonts-extra and the families and face it serves. */
  private record Face(String file, int weight, FontStyle style, List<String> families) {}

  private static final List<String> SANS_FAMILIES = List.of(SANS, "sans-serif", "serif", "system-ui");
  private static final List<String> MONO_FAMILIES = List.of(MONO, "monospace", "ui-monospace");
  private static final List<Face> FACES = List.of(
      new Face("LiberationSans-Regular.ttf", 400, FontStyle.NORMAL, SANS_FAMILIES),
      new Face("LiberationSans-Bold.ttf", 700, FontStyle.NORMAL, SANS_FAMILIES),
      new Face("LiberationSans-Italic.ttf", 400, FontStyle.ITALIC, SANS_FAMILIES),
      new Face("LiberationSans-BoldItalic.ttf", 700, FontStyle.ITALIC, SANS_FAMILIES),
      new Face("LiberationMono-Regular.ttf", 400, FontStyle.NORMAL, MONO_FAMILIES),
      new Face("LiberationMono-Bold.ttf", 700, FontStyle.NORMAL, MONO_FAMILIES));
  private static final String FONT_DIR = "/liberation/";

  private final HtmlReportWriter html;
  private final PrintLimits limits;

  public PdfReportWriter(Optional<Path> templatesDir, String classification) {
    this(templatesDir, classification, PrintLimits.standard());
  }

  PdfReportWriter(Optional<Path> templatesDir, String classification, PrintLimits limits) {
    this.html = new HtmlReportWriter(templatesDir, PrintLimits.PATHS_PER_REGISTRY, classification);
    this.limits = limits;
  }

  @Override
  public String fileName() {
    return FILE_NAME;
  }

  /** The templates are report.html's; a missing font would fail every PDF, so it fails here. */
  @Override
  public void check() {
    html.check();
    for (Face face : FACES) {
      try (InputStream in = font(face)) {
        in.read();
      } catch (IOException | UncheckedIOException e) {
        throw new ReportRenderException(FILE_NAME, "font " + face.file() + " cannot be read: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void write(AuditResult result, OutputStream out) throws IOException {
    PrintLimits.Printed printed = limits.apply(result);
    org.w3c.dom.Document page = page(printed);
    RendererLog.install();
    ClasspathFontMapper.install();
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.withW3cDocument(page, BASE_URI);
    builder.useDefaultPageSize(210, 297, PageSizeUnits.MM);
    builder.withProducer("ACR Access Auditor " + (result.run() == null ? "" : result.run().toolVersion()));
    // Nothing from outside the classpath, whatever a template or a value names.
    builder.useUriResolver((base, uri) -> null);
    builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
    builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
    for (Face face : FACES) {
      for (String family : face.families()) {
        builder.useFont(() -> font(face), family, face.weight(), face.style(), true);
      }
    }
    builder.toStream(out);
    try {
      builder.run();
    } catch (IOException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ReportRenderException(FILE_NAME, "cannot lay out the pages: " + e, e);
    }
  }

  /** The page as report.html's templates render it for print, parsed into a W3C DOM. */
  private org.w3c.dom.Document page(PrintLimits.Printed printed) throws IOException {
    StringWriter html = new StringWriter(256 * 1024);
    try {
      this.html.write(
          printed.result(), PrintLimits.PATHS_PER_REGISTRY, HtmlReportWriter.Medium.PDF, printed.omitted(), html);
    } catch (ReportRenderException e) {
      throw new ReportRenderException(FILE_NAME, e.getMessage(), e);
    }
    org.jsoup.nodes.Document parsed = Jsoup.parse(html.toString(), BASE_URI);
    // print.css's hook for what only this renderer needs (it has no grid, flex or SVG).
    parsed.selectFirst("html").addClass("pdf");
    return new W3CDom().fromJsoup(parsed);
  }

  private static InputStream font(Face face) {
    InputStream in = PdfReportWriter.class.getResourceAsStream(FONT_DIR + face.file());
    if (in == null) {
      throw new UncheckedIOException(new IOException("font " + FONT_DIR + face.file() + " is not on the classpath"));
    }
    return in;
  }
}
