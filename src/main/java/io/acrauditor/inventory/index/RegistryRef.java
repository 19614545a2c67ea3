package io.acrauditor.inventory.index;

/** Enough of a registry to name it in a finding about something else. */
public record RegistryRef(
    String id, String name, String loginServer, String sku, String roleAssignmentMode, String publicNetworkAccess) {}
