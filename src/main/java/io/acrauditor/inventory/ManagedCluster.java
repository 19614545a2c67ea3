package io.acrauditor.inventory;

import java.util.List;
import java.util.Map;

/** An AKS managed cluster (Microsoft.ContainerService/managedClusters), properties flattened. */
public record ManagedCluster(
    String id,
    String name,
    String subscriptionId,
    String resourceGroup,
    String location,
    String kubernetesVersion,
    Identity identity,
    Map<String, UserAssignedIdentity> identityProfile,
    ServicePrincipalProfile servicePrincipalProfile,
    AadProfile aadProfile,
    Boolean enableRBAC,
    Boolean disableLocalAccounts,
    OidcIssuerProfile oidcIssuerProfile,
    SecurityProfile securityProfile,
    ApiServerAccessProfile apiServerAccessProfile) {

  /** A cluster whose API server access profile ARM left out (every setting at its default). */
  public ManagedCluster(String id, String name, String subscriptionId, String resourceGroup, String location,
      String kubernetesVersion, Identity identity, Map<String, UserAssignedIdentity> identityProfile,
      ServicePrincipalProfile servicePrincipalProfile, AadProfile aadProfile, Boolean enableRBAC,
      Boolean disableLocalAccounts, OidcIssuerProfile oidcIssuerProfile, SecurityProfile securityProfile) {
    this(id, name, subscriptionId, resourceGroup, location, kubernetesVersion, identity, identityProfile,
        servicePrincipalProfile, aadProfile, enableRBAC, disableLocalAccounts, oidcIssuerProfile, securityProfile, null);
  }

  /** The cluster's own identity: {@code SystemAssigned}, {@code UserAssigned} or {@code None}. */
  public record Identity(String type, String principalId, String tenantId) {}

  /** {@code identityProfile.kubeletidentity} and friends. */
  public record UserAssignedIdentity(String resourceId, String clientId, String objectId) {}

  /** {@code clientId} is {@code msi} when the cluster uses managed identity. No secret is kept. */
  public record ServicePrincipalProfile(String clientId) {}

  public record AadProfile(Boolean managed, Boolean enableAzureRBAC, String tenantID) {}

  public record OidcIssuerProfile(Boolean enabled, String issuerURL) {}

  public record SecurityProfile(WorkloadIdentity workloadIdentity) {}

  public record WorkloadIdentity(Boolean enabled) {}

  /**
   * Who can reach the API server: a private cluster's only over its private endpoint; a public
   * one from the {@code authorizedIPRanges} when there are any, else from the whole internet.
   * {@code disableRunCommand} false lets {@code az aks command invoke} run kubectl through ARM.
   */
  public record ApiServerAccessProfile(Boolean enablePrivateCluster, List<String> authorizedIPRanges,
      Boolean disableRunCommand) {}

  /** The kubelet identity, or null when the cluster has none (service principal clusters). */
  public UserAssignedIdentity kubeletIdentity() {
    return identityProfile == null ? null : identityProfile.get("kubeletidentity");
  }
}
