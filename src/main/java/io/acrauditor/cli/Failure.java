package io.acrauditor.cli;

import io.acrauditor.batch.AuditFailedException;
import io.acrauditor.history.JdbcUrls;
import io.acrauditor.text.Printable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.springframework.dao.DataAccessException;

/**
 * What stopped a command, as its exit code and one line naming the root cause: the run-history
 * database, the file system or Azure (infrastructure, exit 3: a retry may work) or the input
 * (exit 2). Wrappers that only say where the failure passed through ("Unable to process chunk",
 * "Error creating bean ...") are skipped; the message that names the file, pointer or host is kept.
 */
public record Failure(int exitCode, String message) {
  private static final String H2_IN_USE = "90020";

  public static Failure of(Throwable e) {
    List<Throwable> chain = chain(e);
    if (chain.stream().anyMatch(t -> t instanceof CredentialProbe.NoCredentialException)) {
      return new Failure(ExitCodes.BAD_INPUT, describe(e));
    }
    if (isDatabase(chain)) {
      return new Failure(ExitCodes.INFRASTRUCTURE, database(chain));
    }
    Optional<IOException> diskFull = chain.stream()
        .filter(t -> t instanceof IOException && t.getMessage() != null
            && t.getMessage().toLowerCase(Locale.ROOT).contains("no space left"))
        .map(IOException.class::cast).findFirst();
    if (diskFull.isPresent()) {
      return new Failure(ExitCodes.INFRASTRUCTURE, "disk full: " + describe(e));
    }
    if (chain.stream().anyMatch(t -> t instanceof FileSystemException fs && isIoError(fs))) {
      return new Failure(ExitCodes.INFRASTRUCTURE, describe(e));
    }
    if (chain.stream().anyMatch(Failure::isNetwork)) {
      return new Failure(ExitCodes.INFRASTRUCTURE, describe(e));
    }
    return new Failure(ExitCodes.BAD_INPUT, describe(e));
  }

  /**
   * The most specific message in the cause chain, on one line with control characters made
   * visible: where a wrapper adds only "cannot keep X" its cause's reason is appended.
   */
  public static String describe(Throwable e) {
    List<Throwable> chain = chain(e);
    Throwable specific = chain.stream().filter(t -> !isWrapper(t)).findFirst().orElse(chain.get(chain.size() - 1));
    String message = firstLine(specific);
    Throwable root = chain.get(chain.size() - 1);
    if (root != specific && root instanceof IOException && root.getMessage() != null
        && !message.contains(root.getMessage())) {
      message = message + ": " + firstLine(root);
    }
    return Printable.line(message);
  }

  private static String database(List<Throwable> chain) {
    String url = configuredUrl();
    String where = JdbcUrls.hostAndPort(url).map(h -> " (" + h + ")").orElse("");
    for (Throwable t : chain) {
      if (t instanceof SQLException sql && (H2_IN_USE.equals(String.valueOf(sql.getErrorCode()))
          || String.valueOf(sql.getMessage()).contains("already in use"))) {
        return "run history database busy: another acr-auditor process has " + h2File(url)
            + " open; wait for it to finish, or give each audit its own --db-url (PostgreSQL can be shared)";
      }
    }
    for (Throwable t : chain) {
      if (isNetwork(t)) {
        return "run history database unreachable: " + reason(t) + where;
      }
    }
    for (Throwable t : chain) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("claims to not accept jdbcUrl") || m.contains("No suitable driver")) {
        return "run history database: unsupported JDBC URL '" + JdbcUrls.redact(url)
            + "' (expected jdbc:postgresql://HOST:PORT/DB or jdbc:h2:file:PATH)";
      }
    }
    Throwable deepestSql = null;
    for (Throwable t : chain) {
      if (t instanceof SQLException) {
        deepestSql = t;
      }
    }
    Throwable cause = deepestSql != null ? deepestSql : chain.get(chain.size() - 1);
    return "run history database" + where + ": " + Printable.line(JdbcUrls.redact(firstLine(cause)));
  }

  private static String h2File(String url) {
    return url != null && url.startsWith("jdbc:h2:file:")
        ? url.substring("jdbc:h2:file:".length()).split(";", 2)[0] + ".mv.db"
        : "the run history";
  }

  private static String configuredUrl() {
    String url = System.getProperty("spring.datasource.url");
    if (url == null) {
      url = System.getenv("SPRING_DATASOURCE_URL");
    }
    return url != null ? url : LaunchArguments.defaultHistoryUrl();
  }

  private static boolean isDatabase(List<Throwable> chain) {
    return chain.stream().anyMatch(t -> t instanceof SQLException || t instanceof DataAccessException
        || t instanceof FlywayException || String.valueOf(t.getMessage()).contains("jdbcUrl"));
  }

  private static boolean isNetwork(Throwable t) {
    return t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
        || t instanceof SocketTimeoutException;
  }

  /** A file system failure that is not about the path named (missing, refused, not a folder). */
  private static boolean isIoError(FileSystemException e) {
    String reason = String.valueOf(e.getReason()).toLowerCase(Locale.ROOT);
    return reason.contains("input/output error") || reason.contains("quota") || reason.contains("read-only file system");
  }

  private static String reason(Throwable t) {
    String m = t.getMessage();
    if (t instanceof UnknownHostException) {
      return "unknown host " + m;
    }
    if (m == null) {
      return t.getClass().getSimpleName();
    }
    // "Connection refused: connect" on some platforms.
    return m.replaceFirst(": connect$", "");
  }

  /** Exceptions that only report where a failure passed through, not what it was. */
  private static boolean isWrapper(Throwable t) {
    if (t.getCause() == null) {
      return false;
    }
    String name = t.getClass().getName();
    return t instanceof AuditFailedException
        || t.getMessage() == null
        || (t instanceof UncheckedIOException && t.getMessage().equals(String.valueOf(t.getCause())))
        || name.startsWith("org.springframework.batch.")
        || name.startsWith("org.springframework.beans.")
        || name.startsWith("org.springframework.context.")
        || name.startsWith("org.springframework.core.")
        || name.equals("java.util.concurrent.ExecutionException")
        || name.equals("java.util.concurrent.CompletionException")
        || name.equals("java.lang.reflect.InvocationTargetException");
  }

  private static List<Throwable> chain(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static String firstLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
