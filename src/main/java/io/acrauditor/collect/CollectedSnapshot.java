package io.acrauditor.collect;

import io.acrauditor.inventory.Snapshot;

/**
 * A snapshot and the exact bytes that are its evidence: the file as given, or the collector's
 * serialisation. The run folder keeps these bytes, and the report quotes their SHA-256.
 */
public record CollectedSnapshot(Snapshot snapshot, byte[] evidence) {}
