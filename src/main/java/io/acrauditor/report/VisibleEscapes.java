package io.acrauditor.report;

import io.acrauditor.text.InvisibleCharacters;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * JSON string escapes that keep invisible characters visible: C0 and C1 controls, DEL, the
 * bidirectional controls and the zero-width characters ({@link InvisibleCharacters}) are written
 * as {@code \\uXXXX}.
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
    return InvisibleCharacters.isInvisible(ch);
  }
}
