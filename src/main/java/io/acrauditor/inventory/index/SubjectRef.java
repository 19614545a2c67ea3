package io.acrauditor.inventory.index;

/**
 * Who or what a finding is about: the Azure resource id (or a coverage scope), a readable name,
 * the subject kind, and where it lives.
 */
public record SubjectRef(
    String resourceId, String name, String kind, String subscriptionId, String resourceGroup, String tenantId) {}
