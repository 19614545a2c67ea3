package io.acrauditor.collect;

import io.acrauditor.inventory.Snapshot;

/**
 * A snapshot and the SHA-256 of the exact bytes that are its evidence, now in the run folder
 * (the file as given, or the collector's serialisation). The report quotes the hash. The
 * snapshot holds no role assignments: they were handed over one by one as the evidence was read
 * (see {@link SnapshotInput#collect}).
 */
public record CollectedSnapshot(Snapshot snapshot, String sha256) {}
