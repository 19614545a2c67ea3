package io.acrauditor.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little KQL the fakes' Resource Graph understands beyond the table and type: {@code | where}
 * lines over {@code properties.scope} made of {@code or}-joined terms {@code
 * isempty(tostring(properties.scope))}, {@code tostring(properties.scope) contains '...'} and
 * {@code !contains '...'}, which compare ignoring case as KQL's {@code contains} does. The fakes
 * read the collector's query text rather than share its Java test, so a query that says something
 * other than the collector means shows up as a different result.
 */
public final class FakeKql {

  private static final String SCOPE = "tostring(properties.scope)";
  private static final Pattern CONTAINS = Pattern.compile(Pattern.quote(SCOPE) + "\\s+(!?contains)\\s+'([^']*)'");

  private FakeKql() {}

  /**
   * Rows whose scope passes every scope {@code where} line of {@code kql}; everything passes when
   * there is none.
   *
   * @throws IllegalArgumentException for a scope term the fake does not know, which the fakes
   *     answer as Resource Graph answers an invalid query
   */
  public static Predicate<String> scopeFilter(String kql) {
    List<Predicate<String>> lines = new ArrayList<>();
    for (String line : kql.split("\n")) {
      String l = line.trim();
      if (l.startsWith("| where ") && l.contains(SCOPE)) {
        lines.add(line(l.substring("| where ".length())));
      }
    }
    return scope -> lines.stream().allMatch(p -> p.test(scope == null ? "" : scope.toLowerCase(Locale.ROOT)));
  }

  private static Predicate<String> line(String condition) {
    List<Predicate<String>> terms = new ArrayList<>();
    for (String term : condition.split("\\s+or\\s+")) {
      String t = term.trim();
      if (t.equals("isempty(" + SCOPE + ")")) {
        terms.add(String::isEmpty);
        continue;
      }
      Matcher m = CONTAINS.matcher(t);
      if (!m.matches()) {
        throw new IllegalArgumentException("The fake does not understand: " + t);
      }
      String needle = m.group(2).toLowerCase(Locale.ROOT);
      terms.add(m.group(1).equals("contains") ? s -> s.contains(needle) : s -> !s.contains(needle));
    }
    return scope -> terms.stream().anyMatch(p -> p.test(scope));
  }
}
