package io.acrauditor.collect;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.core.util.Configuration;
import java.net.URI;

/**
 * Builds the real credential and HTTP client for a live run. Tests build their own (a client
 * secret credential and an HTTP client that trusts the fake) and pass them to {@link
 * AzureCollector#collect}.
 */
public final class AzureCredentials {

  private AzureCredentials() {}

  /**
   * {@code DefaultAzureCredential}: environment, workload identity, managed identity, Azure CLI
   * and friends, in the SDK's order. The authority host is the option, else {@code
   * AZURE_AUTHORITY_HOST}, else the cloud's. Instance discovery is turned off for a host that is
   * not the cloud's own, since it would ask the public cloud about a host it does not know.
   */
  public static TokenCredential defaultCredential(CollectOptions options, HttpClient httpClient) {
    CollectOptions resolved = withAuthorityFromEnvironment(options);
    AzureCloud.Endpoints endpoints = resolved.endpoints();
    DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder()
        .authorityHost(endpoints.authorityHost())
        .httpClient(httpClient);
    if (resolved.tenantId() != null) {
      builder.tenantId(resolved.tenantId());
    }
    if (endpoints.customAuthority()) {
      builder.disableInstanceDiscovery();
    }
    return builder.build();
  }

  /**
   * The JDK HTTP client with the run's timeouts. TLS trust is the JVM's ({@code
   * javax.net.ssl.trustStore}), proxies come from the standard {@code HTTPS_PROXY} variables.
   */
  public static HttpClient defaultHttpClient(CollectOptions options) {
    return new JdkHttpClientBuilder()
        .connectionTimeout(options.requestTimeout())
        .responseTimeout(options.requestTimeout())
        .readTimeout(options.requestTimeout())
        .build();
  }

  /** Options whose authority host is filled from {@code AZURE_AUTHORITY_HOST} when unset. */
  public static CollectOptions withAuthorityFromEnvironment(CollectOptions options) {
    if (options.authorityHost() != null) {
      return options;
    }
    String fromEnv = Configuration.getGlobalConfiguration().get(Configuration.PROPERTY_AZURE_AUTHORITY_HOST);
    if (fromEnv == null || fromEnv.isBlank()) {
      return options;
    }
    return new CollectOptions(options.subscriptions(), options.allSubscriptions(), options.tenantId(),
        options.workspaces(), options.lookback(), options.cloud(), URI.create(fromEnv.trim()), options.armEndpoint(),
        options.graphEndpoint(), options.logAnalyticsEndpoint(), options.concurrency(), options.requestTimeout(),
        options.maxRetries(), options.retryDelay(), options.inventorySource());
  }
}
