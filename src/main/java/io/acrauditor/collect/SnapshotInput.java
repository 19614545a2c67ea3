package io.acrauditor.collect;

/** Where an audit's inventory comes from: a snapshot file, the bundled demo estate, or Azure. */
public interface SnapshotInput {
  CollectedSnapshot collect();

  /** For the run metadata: {@code file}, {@code demo} or {@code azure}. */
  String kind();

  /** What a person would call it in a message: a path, "the demo estate", a scope. */
  String describe();
}
