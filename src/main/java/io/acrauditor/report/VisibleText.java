package io.acrauditor.report;

import io.acrauditor.text.InvisibleCharacters;

/**
 * Text with its invisible characters made visible: control characters, bidirectional overrides
 * and isolates (the "Trojan Source" characters that make a file name with a right-to-left
 * override read differently from what it is) and zero-width characters, as {@link InvisibleCharacters}
 * defines them, each become a marker such as {@code <U+202E>}. A name that hides something shows
 * it. Line breaks and tabs stay. Shared by every output that shows names a person reads (HTML,
 * PDF).
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
    return c != '\n' && c != '\t' && c != '\r' && InvisibleCharacters.isInvisible(c);
  }
}
