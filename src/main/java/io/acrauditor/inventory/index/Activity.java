package io.acrauditor.inventory.index;

import java.util.List;

/**
 * What the registry logs show one identity doing, summed over the registries in question. Absent
 * (null) on a subject when no log covered it; present with zero counts when logs were read and
 * showed nothing.
 */
public record Activity(
    long pulls,
    long pushes,
    long deletes,
    long failedLogins,
    long distinctCallerIps,
    List<String> callerIpAddresses,
    List<String> userAgents,
    List<String> repositories,
    String firstSeen,
    String lastSeen) {}
