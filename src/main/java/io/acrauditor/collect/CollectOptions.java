package io.acrauditor.collect;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to collect from live Azure and how.
 *
 * @param subscriptions subscription ids to audit; ignored when {@code allSubscriptions}
 * @param allSubscriptions audit every subscription the credential can list
 * @param tenantId Entra tenant; null lets the credential pick its home tenant
 * @param workspaces Log Analytics workspaces (ARM resource ids or workspace GUIDs) to query; empty
 *     means the workspaces the registries' diagnostic settings send to
 * @param lookback how far back the logs are read; {@link Duration#ZERO} skips the log queries
 * @param cloud {@code AzureCloud}, {@code AzureChinaCloud} or {@code AzureUSGovernment}
 * @param authorityHost Entra authority; null means {@code AZURE_AUTHORITY_HOST} or the cloud's own.
 *     A non-default host disables instance discovery so nothing is asked of the public cloud.
 * @param armEndpoint overrides the cloud's Resource Manager endpoint (Azure Stack, tests)
 * @param graphEndpoint overrides the cloud's Microsoft Graph endpoint
 * @param logAnalyticsEndpoint overrides the cloud's Log Analytics endpoint, e.g. {@code
 *     https://api.loganalytics.io/v1}; with a custom host the {@code /v1} is whatever the URL says
 * @param concurrency how many Azure reads run at once
 * @param requestTimeout how long one HTTP exchange may take before it counts as a timeout
 * @param maxRetries retries after the first try for 408, 429, 5xx and I/O errors
 * @param retryDelay base of the exponential backoff when Azure sends no {@code Retry-After}
 * @param inventorySource Resource Graph (default) or ARM for registries, clusters and role
 *     assignments and definitions; null means {@link #DEFAULT_INVENTORY_SOURCE}
 */
public record CollectOptions(
    List<String> subscriptions,
    boolean allSubscriptions,
    String tenantId,
    List<String> workspaces,
    Duration lookback,
    String cloud,
    URI authorityHost,
    URI armEndpoint,
    URI graphEndpoint,
    URI logAnalyticsEndpoint,
    int concurrency,
    Duration requestTimeout,
    int maxRetries,
    Duration retryDelay,
    InventorySource inventorySource) {

  public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(30);
  /**
   * Reads in flight. Azure's throttle is ARM's read budget per subscription (a bucket of 250,
   * refilled at 25 a second), not the client's concurrency: the collector spreads each
   * subscription's registries over the whole run and waits out any 429's {@code Retry-After}, so
   * of 32 reads in flight a subscription holding a few percent of the registries gets about one,
   * while the per-registry reads, which most requests are, no longer queue on a handful of threads.
   */
  public static final int DEFAULT_CONCURRENCY = 32;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);
  public static final int DEFAULT_MAX_RETRIES = 4;
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
  public static final InventorySource DEFAULT_INVENTORY_SOURCE = InventorySource.GRAPH;

  public CollectOptions {
    subscriptions = List.copyOf(subscriptions == null ? List.of() : subscriptions);
    workspaces = List.copyOf(workspaces == null ? List.of() : workspaces);
    lookback = lookback == null ? DEFAULT_LOOKBACK : lookback;
    cloud = cloud == null ? AzureCloud.AZURE_CLOUD.cloudName() : cloud;
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    retryDelay = retryDelay == null ? DEFAULT_RETRY_DELAY : retryDelay;
    inventorySource = inventorySource == null ? DEFAULT_INVENTORY_SOURCE : inventorySource;
    if (!allSubscriptions && subscriptions.isEmpty()) {
      throw new IllegalArgumentException("Name at least one subscription, or ask for all subscriptions");
    }
    if (lookback.isNegative()) {
      throw new IllegalArgumentException("The log lookback cannot be negative: " + lookback);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("Concurrency must be at least 1, not " + concurrency);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("Retries cannot be negative: " + maxRetries);
    }
    AzureCloud.byName(cloud); // fails early on an unknown cloud name
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The cloud's endpoints with this run's overrides applied. */
  public AzureCloud.Endpoints endpoints() {
    return AzureCloud.byName(cloud).endpoints(authorityHost, armEndpoint, graphEndpoint, logAnalyticsEndpoint);
  }

  /** Builder so the CLI and the batch configuration set only what the user gave. */
  public static final class Builder {
    private final List<String> subscriptions = new ArrayList<>();
    private boolean allSubscriptions;
    private String tenantId;
    private final List<String> workspaces = new ArrayList<>();
    private Duration lookback = DEFAULT_LOOKBACK;
    private String cloud = AzureCloud.AZURE_CLOUD.cloudName();
    private URI authorityHost;
    private URI armEndpoint;
    private URI graphEndpoint;
    private URI logAnalyticsEndpoint;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration retryDelay = DEFAULT_RETRY_DELAY;
    private InventorySource inventorySource = DEFAULT_INVENTORY_SOURCE;

    private Builder() {}

    public Builder subscription(String subscriptionId) {
      subscriptions.add(Objects.requireNonNull(subscriptionId));
      return this;
    }

    public Builder subscriptions(List<String> subscriptionIds) {
      if (subscriptionIds != null) {
        subscriptionIds.forEach(this::subscription);
      }
      return this;
    }

    public Builder allSubscriptions(boolean all) {
      this.allSubscriptions = all;
      return this;
    }

    public Builder tenantId(String tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    public Builder workspace(String workspace) {
      workspaces.add(Objects.requireNonNull(workspace));
      return this;
    }

    public Builder workspaces(List<String> workspaceIds) {
      if (workspaceIds != null) {
        workspaceIds.forEach(this::workspace);
      }
      return this;
    }

    public Builder lookback(Duration lookback) {
      this.lookback = lookback;
      return this;
    }

    public Builder cloud(String cloud) {
      this.cloud = cloud;
      return this;
    }

    public Builder authorityHost(URI authorityHost) {
      this.authorityHost = authorityHost;
      return this;
    }

    public Builder armEndpoint(URI armEndpoint) {
      this.armEndpoint = armEndpoint;
      return this;
    }

    public Builder graphEndpoint(URI graphEndpoint) {
      this.graphEndpoint = graphEndpoint;
      return this;
    }

    public Builder logAnalyticsEndpoint(URI logAnalyticsEndpoint) {
      this.logAnalyticsEndpoint = logAnalyticsEndpoint;
      return this;
    }

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder retryDelay(Duration retryDelay) {
      this.retryDelay = retryDelay;
      return this;
    }

    public Builder inventorySource(InventorySource inventorySource) {
      this.inventorySource = inventorySource;
      return this;
    }

    public CollectOptions build() {
      return new CollectOptions(
          subscriptions, allSubscriptions, tenantId, workspaces, lookback, cloud, authorityHost,
          armEndpoint, graphEndpoint, logAnalyticsEndpoint, concurrency, requestTimeout, maxRetries,
          retryDelay, inventorySource);
    }
  }
}
