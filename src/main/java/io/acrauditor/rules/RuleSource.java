package io.acrauditor.rules;

/**
 * The bytes of one rule file and the name to show for it: {@code rules/<subject>/<ID>.yaml
 * (built-in)} for the catalogue in the jar, the file path for a {@code --rules} directory.
 */
record RuleSource(String displayName, String fileName, byte[] bytes, boolean builtIn) {}
