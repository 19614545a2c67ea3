package io.acrauditor.report;

/**
 * Text with its invisible characters made visible: control characters, bidirectional overrides
 * and isolates (the "Trojan Source" characters that make {@code evil‮txt.exe} read as
 * {@code evilexe.txt}), and zero-width characters each become a marker such as {@code <U+202E>}.
 * A name that hides something shows it. Line breaks and tabs stay. Shared by every output that
 * shows names a person reads (HTML, PDF, terminal).
 */
public final class VisibleText {
  private VisibleText() {}

  public static String of(String text) {
    if (text == null) {
      return null;
    }
    int i = 0;
    while (i < text.length() && !hidden(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text; // the common case: nothing to mark, no copy
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (hidden(c)) {
        out.append(String.format("<U+%04X>", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static boolean hidden(char c) {
    if (c == '\n' || c == '\t' || c == '\r') {
      return false;
    }
    return Character.isISOControl(c)
        || (c >= '\u202A' && c <= '\u202E') // embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069') // isolates
        || c == '\u200E' || c == '\u200F' || c == '\u061C' // direction marks
        || (c >= '\u200B' && c <= '\u200D') || c == '\uFEFF' || c == '\u2060'; // zero width
  }
}
