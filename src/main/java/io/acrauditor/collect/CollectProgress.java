package io.acrauditor.collect;

/**
 * Receives progress while a collection runs, from the collector's worker threads. The CLI prints
 * it on a terminal or logs it; implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface CollectProgress {

  /** Reports nothing. */
  CollectProgress NONE = p -> {};

  void update(Progress progress);

  /**
   * Counts so far. Totals grow while subscriptions are listed, so a done count never passes its
   * total. {@code phase} is {@code subscriptions}, {@code registries}, {@code roles}, {@code
   * principals}, {@code logs} or {@code done}.
   */
  record Progress(
      String phase, int subscriptionsDone, int subscriptionsTotal, int registriesDone, int registriesTotal) {}
}
