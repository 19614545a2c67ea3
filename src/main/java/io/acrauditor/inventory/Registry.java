package io.acrauditor.inventory;

import java.util.List;

/** A container registry (Microsoft.ContainerRegistry/registries) with its properties flattened. */
public record Registry(
    String id,
    String name,
    String subscriptionId,
    String resourceGroup,
    String location,
    Sku sku,
    String loginServer,
    Boolean adminUserEnabled,
    String publicNetworkAccess,
    NetworkRuleSet networkRuleSet,
    String networkRuleBypassOptions,
    Boolean anonymousPullEnabled,
    Boolean dataEndpointEnabled,
    String roleAssignmentMode,
    Policies policies,
    List<Token> tokens,
    List<ScopeMap> scopeMaps,
    List<PrivateEndpointConnection> privateEndpointConnections,
    List<DiagnosticSetting> diagnosticSettings) {

  public record Sku(String name, String tier) {}

  public record NetworkRuleSet(String defaultAction, List<IpRule> ipRules) {}

  public record IpRule(String action, String value) {}

  public record Policies(
      Status quarantinePolicy,
      TrustPolicy trustPolicy,
      RetentionPolicy retentionPolicy,
      Status exportPolicy,
      Status azureADAuthenticationAsArmPolicy) {}

  /** The {@code {"status": "enabled"|"disabled"}} shape shared by most registry policies. */
  public record Status(String status) {}

  public record TrustPolicy(String type, String status) {}

  public record RetentionPolicy(Integer days, String status) {}

  public record PrivateEndpointConnection(
      String id,
      String name,
      PrivateEndpoint privateEndpoint,
      PrivateLinkServiceConnectionState privateLinkServiceConnectionState,
      String provisioningState) {}

  public record PrivateEndpoint(String id) {}

  public record PrivateLinkServiceConnectionState(String status, String description) {}

  /** A diagnostic setting (Microsoft.Insights/diagnosticSettings) on the registry. */
  public record DiagnosticSetting(String id, String name, String workspaceId, List<LogSetting> logs) {}

  public record LogSetting(String category, String categoryGroup, Boolean enabled) {}
}
