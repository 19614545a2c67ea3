package io.acrauditor.history;

import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.Snapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What makes two runs comparable: the same tenant and the same subscriptions. Taken from the
 * snapshot, so a live run and an audit of a snapshot of the same estate compare with each other.
 */
public final class ScopeKey {
  private ScopeKey() {}

  public static String of(Snapshot snapshot) {
    TreeSet<String> subscriptions = new TreeSet<>();
    for (Coverage.AuditedSubscription s : snapshot.coverage().subscriptions()) {
      add(subscriptions, s.subscriptionId());
    }
    if (subscriptions.isEmpty()) {
      snapshot.registries().forEach(r -> add(subscriptions, r.subscriptionId() != null ? r.subscriptionId() : AzureIds.subscriptionOf(r.id())));
      snapshot.clusters().forEach(c -> add(subscriptions, c.subscriptionId() != null ? c.subscriptionId() : AzureIds.subscriptionOf(c.id())));
      snapshot.coverage().gaps().forEach(g -> add(subscriptions, AzureIds.subscriptionOf(g.scope())));
    }
    String tenant = snapshot.tenantId() == null ? "-" : snapshot.tenantId().toLowerCase(Locale.ROOT);
    // A digest, not the list: a tenant-wide audit names thousands of subscriptions.
    return "tenant=" + tenant + ";subscriptions=" + subscriptions.size() + ":" + digest(String.join(",", subscriptions));
  }

  private static String digest(String text) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static void add(TreeSet<String> set, String subscription) {
    if (subscription != null && !subscription.isBlank()) {
      set.add(subscription.toLowerCase(Locale.ROOT));
    }
  }
}
