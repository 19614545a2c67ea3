package io.acrauditor.collect;

import com.azure.core.management.AzureEnvironment;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The national clouds the auditor knows by name, as {@code az cloud list} names them. */
public enum AzureCloud {
  AZURE_CLOUD("AzureCloud", AzureEnvironment.AZURE, "https://api.loganalytics.io/v1"),
  AZURE_CHINA_CLOUD("AzureChinaCloud", AzureEnvironment.AZURE_CHINA, "https://api.loganalytics.azure.cn/v1"),
  AZURE_US_GOVERNMENT("AzureUSGovernment", AzureEnvironment.AZURE_US_GOVERNMENT, "https://api.loganalytics.us/v1");

  private final String cloudName;
  private final AzureEnvironment environment;
  private final String logAnalyticsEndpoint;

  AzureCloud(String cloudName, AzureEnvironment environment, String logAnalyticsEndpoint) {
    this.cloudName = cloudName;
    this.environment = environment;
    this.logAnalyticsEndpoint = logAnalyticsEndpoint;
  }

  public String cloudName() {
    return cloudName;
  }

  public static AzureCloud byName(String name) {
    return Arrays.stream(values())
        .filter(c -> c.cloudName.equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown cloud '" + name + "'; expected one of "
            + Arrays.stream(values()).map(AzureCloud::cloudName).collect(Collectors.joining(", "))));
  }

  /**
   * This cloud's endpoints with any overrides applied. An override also moves the token audience
   * to the overriding host, which is what Azure Stack and a local fake expect.
   */
  public Endpoints endpoints(URI authorityHost, URI arm, URI graph, URI logAnalytics) {
    String authority = authorityHost != null ? slash(authorityHost.toString()) : environment.getActiveDirectoryEndpoint();
    boolean customAuthority = !authority.equalsIgnoreCase(environment.getActiveDirectoryEndpoint());
    String armUrl = arm != null ? slash(arm.toString()) : environment.getResourceManagerEndpoint();
    String armScope = (arm != null ? armUrl : environment.getManagementEndpoint()) + ".default";
    String graphUrl = graph != null ? slash(graph.toString()) : environment.getMicrosoftGraphEndpoint();
    String laUrl = logAnalytics != null ? trimSlash(logAnalytics.toString()) : logAnalyticsEndpoint;
    URI la = URI.create(laUrl);
    String laScope = la.getScheme() + "://" + la.getAuthority() + "/.default";
    return new Endpoints(cloudName, authority, customAuthority, armUrl, armScope, graphUrl, graphUrl + ".default",
        laUrl, laScope, environment);
  }

  private static String slash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * Resolved endpoints for one run. URLs other than {@code logAnalytics} end with a slash.
   *
   * @param customAuthority the authority is not the cloud's own: instance discovery must stay off
   */
  public record Endpoints(
      String cloudName,
      String authorityHost,
      boolean customAuthority,
      String resourceManager,
      String resourceManagerScope,
      String microsoftGraph,
      String microsoftGraphScope,
      String logAnalytics,
      String logAnalyticsScope,
      AzureEnvironment baseEnvironment) {

    /** The SDK's view of these endpoints, so the ARM clients address the right host. */
    public AzureEnvironment azureEnvironment() {
      Map<String, String> map = new HashMap<>(baseEnvironment.getEndpoints());
      map.put("resourceManagerEndpointUrl", resourceManager);
      map.put("activeDirectoryEndpointUrl", authorityHost);
      map.put("microsoftGraphResourceId", microsoftGraph);
      return new AzureEnvironment(map);
    }
  }
}
