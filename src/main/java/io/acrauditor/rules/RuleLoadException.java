package io.acrauditor.rules;

/**
 * A rule catalogue that cannot be used. The message is one line that names the file (and the line
 * where the YAML parser knows it), so the CLI can print it as is and exit.
 */
public class RuleLoadException extends RuntimeException {
  public RuleLoadException(String message) {
    super(message);
  }

  static RuleLoadException in(String file, String problem) {
    return new RuleLoadException(file + ": " + problem);
  }
}
