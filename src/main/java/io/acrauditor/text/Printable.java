package io.acrauditor.text;

/**
 * Text from the data (a resource name, a property name, an error message quoting either) made
 * safe for a terminal or a log line: control characters (C0, DEL, C1, so no escape sequence ever
 * reaches a terminal), the invisible bidirectional formatting characters (which can make text
 * read differently from what it is) and zero-width characters ({@link InvisibleCharacters}) are shown as visible escapes, {@code \x1b} or {@code \u202e}.
 * A backslash stays as it is: the escapes are for people to see, not to decode.
 */
public final class Printable {
  private Printable() {}

  /** One line: line breaks and tabs are escaped too. */
  public static String line(String text) {
    return escape(text, false);
  }

  /** Several lines (a log event, a stack trace): line feeds and tabs are kept, every other control or bidi character escaped. */
  public static String lines(String text) {
    return escape(text, true);
  }

  /** Whether the character would be escaped in a line. */
  public static boolean isUnsafe(int codePoint) {
    return InvisibleCharacters.isInvisible(codePoint);
  }

  private static String escape(String text, boolean keepLineFeeds) {
    if (text == null) {
      return null;
    }
    if (text.codePoints().noneMatch(c -> isUnsafe(c) && !(keepLineFeeds && (c == '\n' || c == '\t')))) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      if (keepLineFeeds && (c == '\n' || c == '\t')) {
        out.appendCodePoint(c);
      } else if (!isUnsafe(c)) {
        out.appendCodePoint(c);
      } else if (c <= 0xff) {
        out.append(String.format("\\x%02x", c));
      } else {
        out.append(String.format("\\u%04x", c));
      }
    });
    return out.toString();
  }
}
