package io.acrauditor.collect;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import java.time.Clock;

/**
 * How this process reaches live Azure: the credential, the HTTP client and the clock a snapshot is
 * stamped with. {@link #DEFAULT} is what an operator gets (DefaultAzureCredential, the JDK client,
 * the system clock); a test supplies the fake's credential and client instead, as it does when it
 * calls {@link AzureCollector#collect(CollectOptions, TokenCredential, HttpClient)}.
 */
public interface AzureClients {

  AzureClients DEFAULT = options -> {
    CollectOptions resolved = AzureCredentials.withAuthorityFromEnvironment(options);
    HttpClient httpClient = AzureCredentials.defaultHttpClient(resolved);
    return new Connection(resolved, AzureCredentials.defaultCredential(resolved, httpClient), httpClient);
  };

  /** The options as they will be used (an authority host filled in, say) and what to read with. */
  Connection connect(CollectOptions options);

  default Clock clock() {
    return Clock.systemUTC();
  }

  record Connection(CollectOptions options, TokenCredential credential, HttpClient httpClient) {}
}
