package io.acrauditor.report;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * JSON string escapes that keep invisible characters visible: C0 and C1 controls, DEL, and the
 * bidirectional controls (U+200E/F, U+202A-U+202E, U+2066-U+2069) are written as {@code \\uXXXX}.
 * A resource name carrying a right-to-left override would otherwise reorder what a reviewer
 * reads in findings.json (and in any tool that shows it), and a raw escape sequence would drive
 * the terminal that prints it. The decoded value is unchanged: this is escaping, not editing.
 */
final class VisibleEscapes extends CharacterEscapes {
  private static final int[] ASCII = standardAsciiEscapesForJSON();

  static {
    ASCII[0x7F] = ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ASCII;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    return invisible(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
  }

  static boolean invisible(int ch) {
    return (ch >= 0x80 && ch <= 0x9F)
        || ch == 0x200E || ch == 0x200F
        || (ch >= 0x202A && ch <= 0x202E)
        || (ch >= 0x2066 && ch <= 0x2069);
  }
}
