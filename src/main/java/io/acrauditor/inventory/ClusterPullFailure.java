package io.acrauditor.inventory;

/** Image pull failures in one cluster's KubeEvents, aggregated by namespace, image and reason. */
public record ClusterPullFailure(
    String clusterId,
    String namespace,
    String image,
    String reason,
    String messageSample,
    Long count,
    String lastSeen) {}
