package io.acrauditor.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Where the text sits on each page of a PDF, from PDFBox's text positions: how far down the
 * content box the lowest line of body text reaches (its fill), and any glyph that ends beyond the
 * content box's right edge (text a table or a command pushed past the margin, clipped on paper).
 * Text in the page margins (the running header and footer) is not body text and is left out.
 *
 * @param pages one entry per page, in order
 */
public record PdfPageFill(List<Page> pages) {

  /** 1 mm in PDF points. */
  public static final float MM = 72f / 25.4f;

  /**
   * One page.
   *
   * @param fill how far down the content box the lowest body text reaches, 0 (empty) to 1 (full)
   * @param beyondRightEdge the glyphs that end more than half a point beyond the content box's
   *     right edge, each as "text@x"
   */
  public record Page(int number, double fill, List<String> beyondRightEdge) {}

  /**
   * Measures a PDF whose pages have the given margins (in mm, as in the {@code @page} rule).
   */
  public static PdfPageFill measure(byte[] pdf, float topMm, float rightMm, float bottomMm, float leftMm)
      throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<Page> pages = new ArrayList<>();
      for (int i = 1; i <= doc.getNumberOfPages(); i++) {
        PDRectangle box = doc.getPage(i - 1).getMediaBox();
        float top = topMm * MM;
        float bottom = box.getHeight() - bottomMm * MM;
        float right = box.getWidth() - rightMm * MM;
        Positions positions = new Positions(top, bottom, right);
        positions.setStartPage(i);
        positions.setEndPage(i);
        positions.getText(doc);
        double fill = positions.lowest < 0 ? 0 : (positions.lowest - top) / (bottom - top);
        pages.add(new Page(i, Math.min(1, fill), List.copyOf(positions.beyond)));
      }
      return new PdfPageFill(List.copyOf(pages));
    }
  }

  /** Text positions of one page, y measured downwards from the top of the page. */
  private static final class Positions extends PDFTextStripper {
    private final float top;
    private final float bottom;
    private final float right;
    float lowest = -1;
    final List<String> beyond = new ArrayList<>();

    Positions(float top, float bottom, float right) throws IOException {
      this.top = top;
      this.bottom = bottom;
      this.right = right;
    }

    @Override
    protected void writeString(String text, List<TextPosition> glyphs) {
      for (TextPosition g : glyphs) {
        float y = g.getYDirAdj();
        if (y <= top || y - g.getHeightDir() >= bottom || g.getUnicode().isBlank()) {
          continue; // the running header or footer
        }
        lowest = Math.max(lowest, y);
        float end = g.getXDirAdj() + g.getWidthDirAdj();
        if (end > right + 0.5f) {
          beyond.add(g.getUnicode() + "@" + Math.round(end) + " in \"" + text + "\"");
        }
      }
    }
  }
}
