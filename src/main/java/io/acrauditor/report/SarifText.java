package io.acrauditor.report;

/**
 * Plain text that stays plain where SARIF viewers render it as Markdown (GitHub code scanning,
 * the VS Code SARIF viewer, Azure DevOps). A message names resources whose names anyone with
 * write access to a subscription or an Entra ID application chooses, so every character that
 * could open a tag, a link, an image, code or emphasis is backslash-escaped (CommonMark escapes
 * any ASCII punctuation this way, and renders the character itself), and line breaks become
 * spaces so that a name cannot start a block of its own.
 */
final class SarifText {
  private SarifText() {}

  private static final String MARKDOWN = "\\`*_[]<>&~|#!";

  static String plain(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        out.append(' ');
      } else if (Character.isISOControl(c)) {
        // Dropped: no viewer shows them, some terminals obey them.
        continue;
      } else {
        if (MARKDOWN.indexOf(c) >= 0) {
          out.append('\\');
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
