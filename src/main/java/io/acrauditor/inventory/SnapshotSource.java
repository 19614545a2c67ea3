package io.acrauditor.inventory;

/**
 * Where a snapshot came from: {@code kind} is {@code azure}, {@code demo} or {@code file};
 * {@code inventorySource} is {@code arm} or {@code graph} for live collections.
 */
public record SnapshotSource(String kind, String cloud, String inventorySource, String toolVersion) {}
