package io.acrauditor.inventory.index;

import java.util.List;

/**
 * Facts joined onto a cluster subject.
 *
 * @param usesServicePrincipal the cluster runs as a service principal, not a managed identity
 * @param pullIdentityId object id of the identity the nodes pull with (kubelet or cluster SP)
 * @param registriesPulled registries the cluster was seen pulling from, or failing to
 * @param authPullFailures image pull failures whose message shows 401 / unauthorized
 */
public record ClusterFacts(
    boolean usesServicePrincipal,
    String pullIdentityId,
    List<PulledRegistry> registriesPulled,
    List<PullFailureFact> authPullFailures) {

  /**
   * @param identityCanPull the cluster's pull identity holds a role that lets it pull this registry
   * @param seenIn {@code activity} and/or {@code pullFailures}
   */
  public record PulledRegistry(
      String registryId, String registryName, String loginServer, boolean identityCanPull, List<String> seenIn) {}

  public record PullFailureFact(
      String namespace, String image, String registryName, String reason, String messageSample, long count, String lastSeen) {}
}
