package io.acrauditor.rules;

import java.util.regex.Pattern;

/**
 * Puts a value into a POSIX shell command so that the shell reads it as one word with exactly that
 * text, whatever it holds: a resource name from a hostile estate ({@code a;rm -rf ~}, {@code $(id)},
 * a quote) must not run anything when a reviewer pastes the remediation. Values made only of
 * characters no shell treats specially stay as they are, so commands remain readable.
 *
 * <p>How a value is quoted depends on where the placeholder stands in the command: bare, inside
 * the command's own double quotes, or inside its single quotes. {@link #contexts} finds that once,
 * when the rule is loaded.
 */
final class ShellQuoting {
  /** Where a placeholder stands in the command text. */
  enum Context {
    BARE,
    DOUBLE_QUOTED,
    SINGLE_QUOTED
  }

  /** The characters that need no quoting anywhere in a word (as Python's shlex.quote). */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuoting() {}

  static String quote(String value, Context context) {
    return switch (context) {
      case BARE -> SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
      // Inside "...": only \ " $ and ` keep a meaning, and a backslash takes it away.
      case DOUBLE_QUOTED -> value.replaceAll("([\\\\\"$`])", "\\\\$1");
      // Inside '...': nothing has a meaning but the closing quote; close, add a quoted quote, reopen.
      case SINGLE_QUOTED -> value.replace("'", "'\\''");
    };
  }

  /**
   * The quoting state at the end of {@code literal}, read from {@code start}: quotes open and close
   * as a POSIX shell reads them, a backslash escapes the next character outside single quotes.
   */
  static Context after(String literal, Context start) {
    Context state = start;
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      switch (state) {
        case BARE -> {
          if (c == '\\') {
            i++;
          } else if (c == '\'') {
            state = Context.SINGLE_QUOTED;
          } else if (c == '"') {
            state = Context.DOUBLE_QUOTED;
          }
        }
        case DOUBLE_QUOTED -> {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            state = Context.BARE;
          }
        }
        case SINGLE_QUOTED -> {
          if (c == '\'') {
            state = Context.BARE;
          }
        }
      }
    }
    return state;
  }
}
