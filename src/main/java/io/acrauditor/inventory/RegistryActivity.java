package io.acrauditor.inventory;

import java.util.List;

/**
 * What the registry logs (ContainerRegistryLoginEvents, ContainerRegistryRepositoryEvents) show
 * about one identity on one registry over the log window. {@code identity} is the value of the
 * logs' Identity column: an object id, the admin user name, or a token name. The lists are bounded
 * samples; the counts are exact.
 */
public record RegistryActivity(
    String registryId,
    String loginServer,
    String identity,
    Long pulls,
    Long pushes,
    Long deletes,
    Long failedLogins,
    Long distinctCallerIps,
    List<String> callerIpAddresses,
    List<String> userAgents,
    List<String> repositories,
    String firstSeen,
    String lastSeen) {}
