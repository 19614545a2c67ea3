package io.acrauditor.text;

/**
 * The one definition of the characters that must never reach a reader unmarked, shared by the
 * terminal and log escaping ({@link Printable}), the report's visible markers and the JSON
 * escapes: control characters (C0, DEL, C1: escape sequences that drive a terminal), the Unicode
 * bidirectional controls (marks, embeddings, overrides, isolates: the "Trojan Source" characters
 * that make text read differently from what it is) and the zero-width characters (which hide a
 * difference between two names that look the same).
 */
public final class InvisibleCharacters {
  private InvisibleCharacters() {}

  /** Whether {@code codePoint} is one of them; line feed, carriage return and tab included. */
  public static boolean isInvisible(int codePoint) {
    return Character.getType(codePoint) == Character.CONTROL || isBidiControl(codePoint) || isZeroWidth(codePoint);
  }

  /** ALM, LRM, RLM, the embeddings and overrides, and the isolates (Unicode Bidi_Control). */
  static boolean isBidiControl(int c) {
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }

  /** Zero width space, non-joiner, joiner, word joiner and the byte order mark. */
  static boolean isZeroWidth(int c) {
    return (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff;
  }
}
