package io.acrauditor.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * PDFBox's font mapper, serving Liberation Sans from the classpath for every font it is asked to
 * find. openhtmltopdf declares the PDF standard fonts (Helvetica, Times, ...) when it starts; the
 * default mapper then scans the machine's font folders, writes a cache file into the home
 * directory (read-only in the container) and warns that it fell back. report.pdf never draws with
 * those fonts (every font in it is an embedded Liberation font), so which face stands in for them
 * does not show.
 */
final class ClasspathFontMapper implements FontMapper {
  private static final String FONT = "/liberation/LiberationSans-Regular.ttf";

  private TrueTypeFont font;

  private ClasspathFontMapper() {}

  /** Idempotent; the mapper is a global of PDFBox, which only report.pdf uses. */
  static synchronized void install() {
    if (!(FontMappers.instance() instanceof ClasspathFontMapper)) {
      FontMappers.set(new ClasspathFontMapper());
    }
  }

  private synchronized TrueTypeFont font() {
    if (font == null) {
      try (InputStream in = ClasspathFontMapper.class.getResourceAsStream(FONT)) {
        if (in == null) {
          throw new IOException(FONT + " is not on the classpath");
        }
        font = new TTFParser().parse(new RandomAccessReadBuffer(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read font " + FONT, e);
      }
    }
    return font;
  }

  @Override
  public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
    return new FontMapping<>(font(), false);
  }

  @Override
  public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
    return new FontMapping<>(font(), false);
  }

  @Override
  public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo cidSystemInfo) {
    return new CIDFontMapping(null, font(), false);
  }
}
