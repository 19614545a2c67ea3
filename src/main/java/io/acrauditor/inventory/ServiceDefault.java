package io.acrauditor.inventory;

/**
 * The value Azure applies to a property it left out of a resource it returned.
 *
 * @param resource the inventory record the property belongs to ({@link Registry}, {@link Token},
 *     {@link ManagedCluster})
 * @param path the property's path in that record, dot-separated in Azure's own names
 *     ({@code policies.exportPolicy.status})
 * @param value what Azure applies when the property is absent: a String, Boolean or List
 * @param reference the REST API reference that documents the default
 */
public record ServiceDefault(Class<? extends Record> resource, String path, Object value, String reference) {}
