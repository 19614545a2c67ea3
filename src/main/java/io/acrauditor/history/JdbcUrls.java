package io.acrauditor.history;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JDBC URLs as they may be shown or stored: without the credentials a URL can carry
 * ({@code ;PASSWORD=} for H2, {@code password=} for PostgreSQL, {@code user:secret@} in the
 * authority). The password is meant to come from SPRING_DATASOURCE_PASSWORD, but a URL typed with
 * one must not put it into the run history, a log line or an error message.
 */
public final class JdbcUrls {
  static final String REDACTED = "***";
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([;?&](?:password|pwd|sslpassword|sslkey_password)=)[^;&]*");
  private static final Pattern USER_INFO = Pattern.compile("^(jdbc:[a-z0-9]+:(?:[a-z0-9]+:)?//)[^/@]*:[^/@]*@",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern HOST_PORT = Pattern.compile("//(?:[^/@]*@)?([^/;?]+)");

  private JdbcUrls() {}

  /** The URL with any password replaced by {@code ***}; null stays null. */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    String withoutParameters = PASSWORD_PARAMETER.matcher(url).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
    return USER_INFO.matcher(withoutParameters).replaceFirst("$1" + Matcher.quoteReplacement(REDACTED) + "@");
  }

  /** An argument list's {@code --db-url} values redacted, for the run history's stored command line. */
  public static java.util.List<String> redactArguments(java.util.List<String> arguments) {
    java.util.List<String> out = new java.util.ArrayList<>(arguments.size());
    boolean nextIsUrl = false;
    for (String argument : arguments) {
      if (nextIsUrl) {
        out.add(redact(argument));
        nextIsUrl = false;
      } else if (argument.startsWith("--db-url=")) {
        out.add("--db-url=" + redact(argument.substring("--db-url=".length())));
      } else {
        out.add(argument);
        nextIsUrl = argument.equals("--db-url");
      }
    }
    return out;
  }

  /** {@code host:port} of a network URL ({@code jdbc:postgresql://127.0.0.1:1/x} gives {@code 127.0.0.1:1}). */
  public static Optional<String> hostAndPort(String url) {
    if (url == null) {
      return Optional.empty();
    }
    Matcher m = HOST_PORT.matcher(url);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
