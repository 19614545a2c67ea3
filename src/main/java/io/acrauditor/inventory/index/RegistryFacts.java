package io.acrauditor.inventory.index;

import java.util.List;

/**
 * Facts joined onto a registry subject.
 *
 * @param hasApprovedPrivateEndpoint some private endpoint connection is Approved
 * @param logsLoginEvents a diagnostic setting sends ContainerRegistryLoginEvents to a workspace
 * @param logsRepositoryEvents a diagnostic setting sends ContainerRegistryRepositoryEvents
 * @param activityKnown the registry's logs were read for the window, so usage facts mean something
 * @param adminActivity what the admin user was seen doing; null when unknown
 * @param accessPaths every identity that can pull, and how (the access matrix row)
 */
public record RegistryFacts(
    boolean hasApprovedPrivateEndpoint,
    boolean logsLoginEvents,
    boolean logsRepositoryEvents,
    boolean activityKnown,
    Activity adminActivity,
    List<AccessPath> accessPaths) {}
