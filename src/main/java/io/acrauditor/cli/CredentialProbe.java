package io.acrauditor.cli;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;
import io.acrauditor.collect.AzureClients;
import io.acrauditor.collect.CollectOptions;
import io.acrauditor.collect.CollectionException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Asks the credential for one Resource Manager token, once, with a bound, before anything is
 * collected: without a usable credential every later request would fail the same way, slowly
 * (DefaultAzureCredential tries each source, the SDK retries), and print the SDK's warnings.
 */
final class CredentialProbe {
  /** Start-up included, the answer comes within ten seconds. */
  static final Duration BOUND = Duration.ofSeconds(5);

  static final String WAYS_TO_SIGN_IN = "sign in with the environment variables AZURE_TENANT_ID, AZURE_CLIENT_ID and "
      + "AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), Azure workload identity "
      + "(AZURE_FEDERATED_TOKEN_FILE), a managed identity, or 'az login'";

  private CredentialProbe() {}

  /**
   * @throws NoCredentialException when no credential gives a token (exit 2)
   * @throws CollectionException when the authority cannot be reached (exit 3)
   */
  static void check(CollectOptions options, AzureClients clients) {
    AzureClients.Connection connection = clients.connect(options);
    String scope = connection.options().endpoints().resourceManagerScope();
    AccessToken token;
    try {
      token = connection.credential().getToken(new TokenRequestContext().addScopes(scope)).block(BOUND);
    } catch (RuntimeException e) {
      // A credential that is configured but cannot reach its authority is an outage (retry); a
      // source that is merely absent (no managed identity endpoint on this machine) is not.
      for (Throwable t = e; t != null && !(e instanceof CredentialUnavailableException); t = t.getCause()) {
        if (t instanceof ConnectException || t instanceof UnknownHostException) {
          String authority = connection.options().endpoints().authorityHost();
          throw new CollectionException("Cannot reach the Entra authority " + authority + ": " + t.getMessage(),
              authority, e);
        }
      }
      throw new NoCredentialException(reason(e), e);
    }
    if (token == null) {
      throw new NoCredentialException("no credential answered", null);
    }
  }

  private static String reason(RuntimeException e) {
    if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).startsWith("Timeout")) {
      return "no credential answered within " + BOUND.toSeconds() + " s";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ClientAuthenticationException && t.getMessage() != null
          && !t.getMessage().contains("unavailable")) {
        // A credential was found and refused (a wrong secret, an unknown client): say what Entra said.
        String first = t.getMessage().lines().findFirst().orElse("").strip()
            .replaceFirst("^DefaultAzureCredential authentication failed\\. ---> ", "");
        return first.length() > 160 ? first.substring(0, 160) + "..." : first;
      }
    }
    return "none of them is configured";
  }

  /** No usable Azure credential: bad configuration, exit 2. */
  static final class NoCredentialException extends RuntimeException {
    NoCredentialException(String reason, Throwable cause) {
      super("no usable Azure credential (" + reason + "); " + WAYS_TO_SIGN_IN, cause);
    }
  }
}
