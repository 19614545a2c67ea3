package io.acrauditor.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;

/** What the PDF tests read out of a PDF, through PDFBox's own parser and text extraction. */
public record PdfDocuments(int pages, List<String> pageTexts, List<String> fonts, List<String> unembeddedFonts, List<String> actions) {

  /** Action types a report must never carry: scripts, launching programs, fetching or submitting. */
  static final List<String> ACTIVE_ACTIONS = List.of("JavaScript", "Launch", "SubmitForm", "ImportData", "GoToR", "GoToE", "Rendition");

  /** Every action type of the PDF specification (ISO 32000-2, 12.6.4); other dictionaries use /S too. */
  private static final java.util.Set<String> ACTION_TYPES = java.util.Set.of(
      "GoTo", "GoToR", "GoToE", "GoToDp", "Launch", "Thread", "URI", "Sound", "Movie", "Hide", "Named", "SubmitForm",
      "ResetForm", "ImportData", "SetOCGState", "Rendition", "Trans", "GoTo3DView", "JavaScript", "RichMediaExecute");

  public static PdfDocuments read(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<String> texts = new ArrayList<>();
      PDFTextStripper stripper = new PDFTextStripper();
      for (int i = 1; i <= doc.getNumberOfPages(); i++) {
        stripper.setStartPage(i);
        stripper.setEndPage(i);
        texts.add(stripper.getText(doc));
      }
      List<String> fonts = new ArrayList<>();
      List<String> unembedded = new ArrayList<>();
      for (PDPage page : doc.getPages()) {
        collectFonts(page.getResources(), fonts, unembedded, 0);
      }
      List<String> actions = new ArrayList<>();
      for (COSObject object : allObjects(doc)) {
        COSBase base = object.getObject();
        if (base instanceof COSDictionary dict) {
          COSName subtype = dict.getCOSName(COSName.S);
          if (subtype != null && ACTION_TYPES.contains(subtype.getName())) {
            String uri = dict.getDictionaryObject(COSName.URI) instanceof COSString s ? " " + s.getString() : "";
            actions.add(subtype.getName() + uri);
          }
          if (dict.containsKey(COSName.JS) || dict.containsKey(COSName.JAVA_SCRIPT) || dict.containsKey(COSName.OPEN_ACTION)
              || dict.containsKey(COSName.AA)) {
            actions.add("active key in " + dict.keySet());
          }
        }
      }
      return new PdfDocuments(doc.getNumberOfPages(), List.copyOf(texts), fonts, unembedded, actions);
    }
  }

  private static List<COSObject> allObjects(PDDocument doc) {
    List<COSObject> objects = new ArrayList<>();
    for (var key : doc.getDocument().getXrefTable().keySet()) {
      COSObject object = doc.getDocument().getObjectFromPool(key);
      if (object != null) {
        objects.add(object);
      }
    }
    return objects;
  }

  private static void collectFonts(PDResources resources, List<String> fonts, List<String> unembedded, int depth)
      throws IOException {
    if (resources == null || depth > 8) {
      return;
    }
    for (COSName name : resources.getFontNames()) {
      PDFont font = resources.getFont(name);
      fonts.add(font.getName());
      if (!font.isEmbedded()) {
        unembedded.add(font.getName());
      }
    }
    for (COSName name : resources.getXObjectNames()) {
      PDXObject x = resources.getXObject(name);
      if (x instanceof PDFormXObject form) {
        collectFonts(form.getResources(), fonts, unembedded, depth + 1);
      }
    }
  }

  /** The text of every page with whitespace removed: lines wrap wherever the layout put them. */
  public String compact() {
    return String.join("", pageTexts).replaceAll("\\s+", "");
  }

  public static String compact(String s) {
    return s.replaceAll("\\s+", "");
  }
}
