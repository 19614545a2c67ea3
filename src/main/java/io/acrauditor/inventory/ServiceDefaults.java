package io.acrauditor.inventory;

import java.util.List;
import java.util.Objects;

/**
 * The one place that says what an absent property means. ARM leaves a property out of a resource
 * it returns when the property holds its default, and the service then applies that default: a
 * registry without {@code anonymousPullEnabled} does not allow anonymous pull, a cluster without
 * {@code disableLocalAccounts} has local accounts enabled. The snapshot keeps what Azure said
 * (absent stays absent, as evidence); rules judge the effective value.
 *
 * <p>Only properties of a resource that was read are defaulted. A collection read by its own call
 * (a registry's tokens, scope maps, diagnostic settings) has no default: absent means that call
 * failed, which is a coverage gap, not a value.
 */
public final class ServiceDefaults {
  private static final String ACR =
      "https://learn.microsoft.com/rest/api/containerregistry/registries/get?view=rest-containerregistry-2025-11-01";
  private static final String ACR_TOKENS =
      "https://learn.microsoft.com/rest/api/containerregistry/tokens/get?view=rest-containerregistry-2025-11-01";
  private static final String AKS =
      "https://learn.microsoft.com/rest/api/aks/managed-clusters/get?view=rest-aks-2025-09-01";

  private static final List<ServiceDefault> ALL = List.of(
      // Microsoft.ContainerRegistry 2025-11-01, RegistryProperties and its policies ("default" in the spec).
      new ServiceDefault(Registry.class, "adminUserEnabled", false, ACR),
      new ServiceDefault(Registry.class, "publicNetworkAccess", "Enabled", ACR),
      new ServiceDefault(Registry.class, "networkRuleSet.defaultAction", "Allow", ACR),
      new ServiceDefault(Registry.class, "networkRuleBypassOptions", "AzureServices", ACR),
      new ServiceDefault(Registry.class, "anonymousPullEnabled", false, ACR),
      new ServiceDefault(Registry.class, "dataEndpointEnabled", false, ACR),
      new ServiceDefault(Registry.class, "roleAssignmentMode", "LegacyRegistryPermissions", ACR),
      new ServiceDefault(Registry.class, "policies.quarantinePolicy.status", "disabled", ACR),
      new ServiceDefault(Registry.class, "policies.trustPolicy.type", "Notary", ACR),
      new ServiceDefault(Registry.class, "policies.trustPolicy.status", "disabled", ACR),
      new ServiceDefault(Registry.class, "policies.retentionPolicy.status", "disabled", ACR),
      new ServiceDefault(Registry.class, "policies.exportPolicy.status", "enabled", ACR),
      new ServiceDefault(Registry.class, "policies.azureADAuthenticationAsArmPolicy.status", "enabled", ACR),
      // A property of the registry itself (not a separate call): left out when there are none.
      new ServiceDefault(Registry.class, "privateEndpointConnections", List.of(), ACR),
      // Tokens - Create: a token is created enabled unless a status says otherwise.
      new ServiceDefault(Token.class, "status", "enabled", ACR_TOKENS),
      new ServiceDefault(Token.class, "credentials.passwords", List.of(), ACR_TOKENS),
      // Microsoft.ContainerService 2025-09-01, ManagedClusterProperties: "If set to true, getting
      // static credentials will be disabled" (Azure Policy 993c2fcd reads absence as enabled).
      new ServiceDefault(ManagedCluster.class, "disableLocalAccounts", false, AKS),
      // AKS creates clusters with Kubernetes RBAC; Azure Policy ac4a19c2 flags only an explicit false.
      new ServiceDefault(ManagedCluster.class, "enableRBAC", true, AKS),
      new ServiceDefault(ManagedCluster.class, "aadProfile.managed", false, AKS),
      new ServiceDefault(ManagedCluster.class, "aadProfile.enableAzureRBAC", false, AKS),
      new ServiceDefault(ManagedCluster.class, "oidcIssuerProfile.enabled", false, AKS),
      new ServiceDefault(ManagedCluster.class, "securityProfile.workloadIdentity.enabled", false, AKS),
      // ManagedClusterAPIServerAccessProfile: a cluster is public unless created private, its API
      // server open to every address unless ranges are set ("0e246bcf" reads absence that way),
      // and run command is on unless disabled ("disableRunCommand": "Whether to disable run command").
      new ServiceDefault(ManagedCluster.class, "apiServerAccessProfile.enablePrivateCluster", false, AKS),
      new ServiceDefault(ManagedCluster.class, "apiServerAccessProfile.authorizedIPRanges", List.of(), AKS),
      new ServiceDefault(ManagedCluster.class, "apiServerAccessProfile.disableRunCommand", false, AKS));

  private ServiceDefaults() {}

  public static List<ServiceDefault> all() {
    return ALL;
  }

  /** The defaults of one resource type, in table order. */
  public static List<ServiceDefault> of(Class<?> resource) {
    return ALL.stream().filter(d -> d.resource() == resource).toList();
  }

  /** The default of one property, or null when it has none. */
  public static ServiceDefault find(Class<?> resource, String path) {
    for (ServiceDefault d : ALL) {
      if (d.resource() == resource && d.path().equals(path)) {
        return d;
      }
    }
    return null;
  }

  /** A value the index reads itself: what Azure said, else the service default. */
  @SuppressWarnings("unchecked")
  public static <T> T effective(Class<?> resource, String path, T said) {
    if (said != null) {
      return said;
    }
    return (T) Objects.requireNonNull(find(resource, path), () -> "no service default for " + path).value();
  }
}
