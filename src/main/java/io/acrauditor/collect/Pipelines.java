package io.acrauditor.collect;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import java.time.Duration;
import java.util.Locale;

/**
 * The HTTP pipelines every Azure client of a run shares. No logging policy is added at all, so no
 * request or response body (a token password, say) can reach a log, whatever {@code
 * AZURE_HTTP_LOG_DETAIL_LEVEL} says.
 */
final class Pipelines {

  static final String USER_AGENT = "acr-auditor";

  private Pipelines() {}

  static HttpPipeline arm(TokenCredential credential, HttpClient httpClient, CollectOptions options,
      AzureCloud.Endpoints endpoints) {
    return build(httpClient, options,
        new ArmChallengeAuthenticationPolicy(credential, endpoints.resourceManagerScope()));
  }

  static HttpPipeline graph(TokenCredential credential, HttpClient httpClient, CollectOptions options,
      AzureCloud.Endpoints endpoints) {
    return build(httpClient, options,
        new BearerTokenAuthenticationPolicy(credential, endpoints.microsoftGraphScope()));
  }

  static HttpPipeline logAnalytics(TokenCredential credential, HttpClient httpClient, CollectOptions options,
      AzureCloud.Endpoints endpoints) {
    return build(httpClient, options,
        new BearerTokenAuthenticationPolicy(credential, endpoints.logAnalyticsScope()));
  }

  static RetryOptions retryOptions(CollectOptions options) {
    // RetryPolicy honours Retry-After (whole seconds) and retry-after-ms before this backoff.
    return new RetryOptions(new ExponentialBackoffOptions()
        .setMaxRetries(options.maxRetries())
        .setBaseDelay(options.retryDelay())
        .setMaxDelay(max(options.retryDelay(), Duration.ofSeconds(60))));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static HttpPipeline build(HttpClient httpClient, CollectOptions options, HttpPipelinePolicy auth) {
    return new HttpPipelineBuilder()
        .httpClient(httpClient)
        .policies(
            new ReadOnlyPolicy(),
            new UserAgentPolicy(USER_AGENT),
            new RequestIdPolicy(),
            new RetryPolicy(retryOptions(options)),
            auth)
        .build();
  }

  /**
   * Refuses, before anything is sent, every request that is not a read: GET, and POST only to
   * the read-only query endpoints (Log Analytics {@code /query}, Graph {@code getByIds}, Resource
   * Graph {@code resources}) and to Graph's {@code $batch} when every request inside it is a GET.
   * A mistaken call to {@code listCredentials}, or a write slipped into a batch, fails here instead
   * of reaching Azure.
   */
  static final class ReadOnlyPolicy extends HttpPipelineSyncPolicy {
    @Override
    protected void beforeSendingRequest(HttpPipelineCallContext context) {
      HttpRequest request = context.getHttpRequest();
      HttpMethod method = request.getHttpMethod();
      String path = request.getUrl().getPath();
      if (!isRead(method, path)) {
        throw new IllegalStateException("Refusing " + method + " " + path + ": the auditor only reads");
      }
      if (isGraphBatch(method, path) && !GraphBatch.onlyGets(request.getBodyAsBinaryData())) {
        throw new IllegalStateException("Refusing " + method + " " + path
            + ": a request in the batch is not a GET, and the auditor only reads");
      }
    }

    /**
     * Whether {@code method} on {@code path} may be a read. For a Graph batch that is only the
     * half of it: its body decides ({@link GraphBatch#onlyGets}).
     */
    static boolean isRead(HttpMethod method, String path) {
      if (method == HttpMethod.GET) {
        return true;
      }
      if (method != HttpMethod.POST || path == null) {
        return false;
      }
      String p = path.toLowerCase(Locale.ROOT);
      return p.endsWith("/query")
          || p.endsWith("/directoryobjects/getbyids")
          || p.endsWith("/providers/microsoft.resourcegraph/resources")
          || isGraphBatch(method, path);
    }

    static boolean isGraphBatch(HttpMethod method, String path) {
      return method == HttpMethod.POST && path != null && path.toLowerCase(Locale.ROOT).endsWith("/v1.0/$batch");
    }
  }
}
