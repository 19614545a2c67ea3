package io.acrauditor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpMethod;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CollectOptionsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      AzureCloud,        https://login.microsoftonline.com/, https://management.azure.com/,        https://graph.microsoft.com/,            https://api.loganalytics.io/v1
      AzureChinaCloud,   https://login.chinacloudapi.cn/,    https://management.chinacloudapi.cn/, https://microsoftgraph.chinacloudapi.cn/, https://api.loganalytics.azure.cn/v1
      AzureUSGovernment, https://login.microsoftonline.us/,  https://management.usgovcloudapi.net/, https://graph.microsoft.us/,            https://api.loganalytics.us/v1
      """)
  void knownCloudsHaveTheirOwnEndpoints(String cloud, String authority, String arm, String graph, String logs) {
    AzureCloud.Endpoints endpoints = CollectOptions.builder().subscription("s").cloud(cloud).build().endpoints();

    assertThat(endpoints.authorityHost()).isEqualTo(authority);
    assertThat(endpoints.customAuthority()).isFalse();
    assertThat(endpoints.resourceManager()).isEqualTo(arm);
    assertThat(endpoints.microsoftGraph()).isEqualTo(graph);
    assertThat(endpoints.logAnalytics()).isEqualTo(logs);
    assertThat(endpoints.logAnalyticsScope()).isEqualTo(URI.create(logs).resolve("/").toString() + ".default");
  }

  @Test
  void customEndpointsMoveTheTokenAudienceAndTurnOffInstanceDiscovery() {
    AzureCloud.Endpoints endpoints = CollectOptions.builder().subscription("s")
        .authorityHost(URI.create("https://login.local"))
        .armEndpoint(URI.create("https://management.local.azurestack.external"))
        .graphEndpoint(URI.create("https://graph.local"))
        .logAnalyticsEndpoint(URI.create("https://logs.local/v1/"))
        .build().endpoints();

    assertThat(endpoints.customAuthority()).isTrue();
    assertThat(endpoints.authorityHost()).isEqualTo("https://login.local/");
    assertThat(endpoints.resourceManagerScope()).isEqualTo("https://management.local.azurestack.external/.default");
    assertThat(endpoints.microsoftGraphScope()).isEqualTo("https://graph.local/.default");
    assertThat(endpoints.logAnalytics()).isEqualTo("https://logs.local/v1");
    assertThat(endpoints.logAnalyticsScope()).isEqualTo("https://logs.local/.default");
    assertThat(endpoints.azureEnvironment().getResourceManagerEndpoint())
        .isEqualTo("https://management.local.azurestack.external/");
  }

  @Test
  void refusesAnEmptyScopeAndAnUnknownCloud() {
    assertThatThrownBy(() -> CollectOptions.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscription");
    assertThatThrownBy(() -> CollectOptions.builder().allSubscriptions(true).cloud("AzureGermanCloud").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AzureCloud, AzureChinaCloud");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(textBlock = """
      GET,    /subscriptions/s/providers/Microsoft.ContainerRegistry/registries,                               true
      POST,   /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r/listCredentials, false
      POST,   /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r/generateCredentials, false
      POST,   /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c/listClusterUserCredential, false
      PUT,    /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r,           false
      DELETE, /subscriptions/s/providers/Microsoft.Authorization/roleAssignments/x,                            false
      POST,   /v1.0/directoryObjects/getByIds,                                                                 true
      POST,   /workspaces/0b1f6471/query,                                                                      true
      POST,   /providers/Microsoft.ResourceGraph/resources,                                                    true
      POST,   /v1.0/$batch,                                                                                    true
      POST,   /v1.0/servicePrincipals/x/addPassword,                                                           false
      POST,   /batch,                                                                                          false
      """)
  void onlyReadsPassThePipeline(String method, String path, boolean allowed) {
    // For a Graph batch this is the path half; its body is checked too (GraphBatchTest).
    assertThat(Pipelines.ReadOnlyPolicy.isRead(HttpMethod.valueOf(method), path)).isEqualTo(allowed);
  }
}
