package io.acrauditor.rules;

/**
 * A tunable value of a rule. {@code defaultValue} is a Long, Double, Boolean, String or a List of
 * those, which fixes the type every override is parsed to.
 */
public record Parameter(String name, Object defaultValue, String description) {}
