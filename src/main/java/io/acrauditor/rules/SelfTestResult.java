package io.acrauditor.rules;

/** One inline test of one rule: passed, or why not ({@code detail}: expected vs actual). */
public record SelfTestResult(String ruleId, String file, String test, boolean passed, String detail) {}
