package io.acrauditor.inventory.index;

import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.RegistryActivity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Registry log rows by registry and by identity, summed on demand. Identities in the logs are
 * object ids, the admin user name or token names, compared without case.
 */
final class ActivityLedger {
  private static final int SAMPLE_LIMIT = 10;

  // Nested maps, not "registry|identity" keys: one key string per registry and per identity, not per row.
  private final Map<String, Map<String, List<RegistryActivity>>> byRegistryAndIdentity = new HashMap<>();
  private final Map<String, List<RegistryActivity>> byIdentity = new HashMap<>();

  ActivityLedger(List<RegistryActivity> rows, Map<String, String> registryIdByLoginServer) {
    for (RegistryActivity row : rows) {
      String registry = AzureIds.key(row.registryId());
      if (registry == null && row.loginServer() != null) {
        registry = registryIdByLoginServer.get(row.loginServer().toLowerCase(Locale.ROOT));
      }
      String identity = row.identity() == null ? "" : row.identity().toLowerCase(Locale.ROOT);
      byRegistryAndIdentity.computeIfAbsent(registry, k -> new HashMap<>())
          .computeIfAbsent(identity, k -> new ArrayList<>()).add(row);
      byIdentity.computeIfAbsent(identity, k -> new ArrayList<>()).add(row);
    }
  }

  /** Rows for one identity on one registry, named by its key ({@link AzureIds#key}); empty when it was not seen there. */
  List<RegistryActivity> on(String registryKey, String identity) {
    if (identity == null) {
      return List.of();
    }
    return byRegistryAndIdentity.getOrDefault(registryKey, Map.of())
        .getOrDefault(identity.toLowerCase(Locale.ROOT), List.of());
  }

  /** The latest {@code lastSeen} of some rows: what an access path shows, without summing the rest. */
  static String lastSeen(List<RegistryActivity> rows) {
    String last = null;
    for (RegistryActivity row : rows) {
      last = latest(last, row.lastSeen());
    }
    return last;
  }

  /** Rows for one identity on any registry. */
  List<RegistryActivity> anywhere(String identity) {
    return identity == null ? List.of() : byIdentity.getOrDefault(identity.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * The sum of some rows. Caller IPs are counted per row by the log query, so across registries
   * the distinct count is the size of the union of samples when that is larger than any one row's
   * exact count: a lower bound, never an overstatement.
   */
  static Activity sum(Collection<RegistryActivity> rows) {
    long pulls = 0;
    long pushes = 0;
    long deletes = 0;
    long failed = 0;
    long maxIps = 0;
    Set<String> ips = new LinkedHashSet<>();
    Set<String> agents = new LinkedHashSet<>();
    Set<String> repos = new LinkedHashSet<>();
    String first = null;
    String last = null;
    for (RegistryActivity row : rows) {
      pulls += nz(row.pulls());
      pushes += nz(row.pushes());
      deletes += nz(row.deletes());
      failed += nz(row.failedLogins());
      maxIps = Math.max(maxIps, nz(row.distinctCallerIps()));
      addAll(ips, row.callerIpAddresses());
      addAll(agents, row.userAgents());
      addAll(repos, row.repositories());
      first = earliest(first, row.firstSeen());
      last = latest(last, row.lastSeen());
    }
    return new Activity(
        pulls,
        pushes,
        deletes,
        failed,
        Math.max(maxIps, ips.size()),
        limit(ips),
        limit(agents),
        limit(repos),
        first,
        last);
  }

  static Activity empty() {
    return sum(List.of());
  }

  private static long nz(Long value) {
    return value == null ? 0 : value;
  }

  private static void addAll(Set<String> target, List<String> values) {
    if (values != null) {
      target.addAll(values);
    }
  }

  private static List<String> limit(Set<String> values) {
    return values.stream().sorted().limit(SAMPLE_LIMIT).toList();
  }

  private static String earliest(String a, String b) {
    return a == null ? b : b == null ? a : (Timestamps.compare(a, b) <= 0 ? a : b);
  }

  private static String latest(String a, String b) {
    return a == null ? b : b == null ? a : (Timestamps.compare(a, b) >= 0 ? a : b);
  }
}
