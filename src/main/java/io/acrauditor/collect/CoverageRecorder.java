package io.acrauditor.collect;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.models.ResponseError;
import com.azure.identity.CredentialUnavailableException;
import io.acrauditor.inventory.Coverage;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Runs one Azure read and turns its failure into a {@link Coverage.Gap}, so that one forbidden
 * subscription or missing workspace does not stop the run. Failures that mean nothing can be read
 * at all (endpoint unreachable, TLS not trusted, no token) are not gaps: they end the run as a
 * {@link CollectionException}.
 */
final class CoverageRecorder {

  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final int MAX_REASON = 400;

  private final List<Coverage.Gap> gaps = new ArrayList<>();
  private final String authorityHost;

  /** {@code authorityHost} names the token endpoint when the credential is what fails. */
  CoverageRecorder(String authorityHost) {
    this.authorityHost = authorityHost;
  }

  /**
   * Runs {@code read}; on an HTTP error, a timeout or an unexpected failure records a gap and
   * returns empty. {@code endpoint} names the service for a fatal error's message.
   */
  <T> Optional<T> attempt(String scope, String kind, String operation, String endpoint, Supplier<T> read) {
    return attemptEach(Collections.singletonList(scope), kind, operation, endpoint, read);
  }

  /**
   * As {@link #attempt}, for one request that reads several scopes at once (a Graph batch): its
   * failure is a gap for each of them, as separate requests would have given.
   */
  <T> Optional<T> attemptEach(List<String> scopes, String kind, String operation, String endpoint, Supplier<T> read) {
    try {
      return Optional.ofNullable(read.get());
    } catch (CollectionException e) {
      throw e;
    } catch (RuntimeException e) {
      CollectionException fatal = fatal(endpoint, authorityHost, e);
      if (fatal != null) {
        throw fatal;
      }
      scopes.forEach(scope -> add(gap(scope, kind, operation, e)));
      return Optional.empty();
    }
  }

  synchronized void add(Coverage.Gap gap) {
    gaps.add(gap);
  }

  /** Gaps in a stable order, so the same estate gives the same snapshot. */
  synchronized List<Coverage.Gap> gaps() {
    List<Coverage.Gap> sorted = new ArrayList<>(gaps);
    sorted.sort(Comparator.comparing(Coverage.Gap::kind, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(Coverage.Gap::scope, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(Coverage.Gap::operation, Comparator.nullsFirst(Comparator.naturalOrder())));
    return sorted;
  }

  /** A gap for {@code e}, with the status and the Azure error code where there are any. */
  static Coverage.Gap gap(String scope, String kind, String operation, Throwable e) {
    if (e instanceof HttpResponseException http) {
      Integer status = http.getResponse() == null ? null : http.getResponse().getStatusCode();
      String[] codeAndMessage = codeAndMessage(http);
      return new Coverage.Gap(scope, kind, operation, status, codeAndMessage[0], oneLine(codeAndMessage[1]));
    }
    if (isTimeout(e)) {
      return new Coverage.Gap(scope, kind, operation, null, "Timeout",
          "No answer in time; this scope was not audited: " + oneLine(rootMessage(e)));
    }
    return new Coverage.Gap(scope, kind, operation, null, e.getClass().getSimpleName(), oneLine(rootMessage(e)));
  }

  /**
   * A {@link CollectionException} when {@code e} means the credential or the endpoint is unusable.
   * A failed token request is checked first: it surfaces inside a call to {@code endpoint}, but
   * what is unreachable then is the authority.
   */
  static CollectionException fatal(String endpoint, String authorityHost, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ClientAuthenticationException || t instanceof CredentialUnavailableException
          || t.getClass().getName().startsWith("com.microsoft.aad.msal4j.")) {
        return new CollectionException("Cannot get an Entra token from " + authorityHost + " for " + endpoint + ": "
            + describe(root(t)), authorityHost, e);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException && !(t instanceof HttpConnectTimeoutException)) {
        return null; // a slow answer is a gap for that scope, not an unreachable endpoint
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
          || t instanceof HttpConnectTimeoutException) {
        return new CollectionException("Cannot reach " + endpoint + ": " + describe(t), endpoint, e);
      }
      if (t instanceof SSLException) {
        return new CollectionException("TLS with " + endpoint + " failed (is its certificate in the JVM trust store?): "
            + describe(t), endpoint, e);
      }
    }
    return null;
  }

  private static Throwable root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
          || t instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  private static String[] codeAndMessage(HttpResponseException http) {
    Object value = http.getValue();
    if (value instanceof ManagementError me) {
      return new String[] {me.getCode(), me.getMessage()};
    }
    if (value instanceof ResponseError re) {
      return new String[] {re.getCode(), re.getMessage()};
    }
    if (value instanceof Map<?, ?> map && map.get("error") instanceof Map<?, ?> error) {
      return new String[] {innermostCode(error), String.valueOf(error.get("message"))};
    }
    if (http instanceof ManagementException) {
      return new String[] {null, http.getMessage()};
    }
    // Log Analytics and Graph errors arrive as text: {"error":{"code","message","innererror":{...}}}.
    // The first inner code is the telling one (SemanticError inside BadArgumentError), and the
    // innermost message names what was wrong (the missing table).
    String text = http.getMessage() == null ? "" : http.getMessage();
    List<String> codes = new ArrayList<>();
    Matcher m = CODE.matcher(text);
    while (m.find()) {
      codes.add(m.group(1));
    }
    String message = text;
    Matcher msg = MESSAGE.matcher(text);
    while (msg.find()) {
      message = msg.group(1);
    }
    return new String[] {codes.isEmpty() ? null : codes.get(Math.min(1, codes.size() - 1)), message};
  }

  private static String innermostCode(Map<?, ?> error) {
    Object inner = error.get("innererror");
    if (inner instanceof Map<?, ?> innerMap && innerMap.get("code") != null) {
      return innermostCode(innerMap);
    }
    Object code = error.get("code");
    return code == null ? null : code.toString();
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + oneLine(message) + ")");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = root(e);
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  static String oneLine(String s) {
    if (s == null) {
      return null;
    }
    String line = s.replaceAll("\\s+", " ").trim();
    return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) + "…" : line;
  }
}
