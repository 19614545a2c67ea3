package io.acrauditor.inventory.index;

import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Registries by id, login server, subscription and resource group, so that a scope resolves to
 * the registries beneath it without scanning every registry for every role assignment.
 */
final class RegistryLookup {
  private final List<Registry> all;
  private final Map<String, Registry> byId = new HashMap<>();
  /** Each registry's id as a key ({@link AzureIds#key}), worked out once: every access path asks. */
  private final Map<Registry, String> keys = new IdentityHashMap<>();
  /** Each registry as the one-element list its own scope covers, shared by every assignment there. */
  private final Map<Registry, List<Registry>> alone = new IdentityHashMap<>();
  private final Map<String, Registry> byLoginServer = new HashMap<>();
  private final Map<String, List<Registry>> bySubscription = new HashMap<>();
  private final Map<String, List<Registry>> byResourceGroup = new HashMap<>();

  RegistryLookup(List<Registry> registries) {
    this.all = registries;
    for (Registry registry : registries) {
      keys.put(registry, AzureIds.key(registry.id()));
      byId.put(keys.get(registry), registry);
      alone.put(registry, List.of(registry));
      if (registry.loginServer() != null) {
        byLoginServer.put(registry.loginServer().toLowerCase(Locale.ROOT), registry);
      }
      String sub = lower(AzureIds.segment(registry.id(), "subscriptions"));
      String rg = lower(AzureIds.segment(registry.id(), "resourceGroups"));
      bySubscription.computeIfAbsent(sub, k -> new ArrayList<>()).add(registry);
      byResourceGroup.computeIfAbsent(sub + "/" + rg, k -> new ArrayList<>()).add(registry);
    }
  }

  String key(Registry registry) {
    String key = keys.get(registry);
    return key != null ? key : AzureIds.key(registry.id());
  }

  Registry byId(String id) {
    return byId.get(AzureIds.key(id));
  }

  Registry byLoginServer(String host) {
    return host == null ? null : byLoginServer.get(host.toLowerCase(Locale.ROOT));
  }

  Map<String, String> idsByLoginServer() {
    Map<String, String> ids = new HashMap<>();
    byLoginServer.forEach((host, registry) -> ids.put(host, AzureIds.key(registry.id())));
    return ids;
  }

  /**
   * The registries a role assignment scope covers. A management-group scope covers every audited
   * registry: the collector lists role assignments per subscription, so an inherited assignment
   * it returns applies to that subscription, and the hierarchy itself is not in the snapshot.
   */
  List<Registry> coveredBy(String scope) {
    if (scope == null) {
      return List.of();
    }
    if (AzureIds.isManagementGroupScope(scope)) {
      return all;
    }
    String sub = lower(AzureIds.segment(scope, "subscriptions"));
    if (sub == null) {
      return List.of();
    }
    String rg = lower(AzureIds.segment(scope, "resourceGroups"));
    if (rg == null) {
      return bySubscription.getOrDefault(sub, List.of());
    }
    if (!scope.toLowerCase(Locale.ROOT).contains("/providers/")) {
      return byResourceGroup.getOrDefault(sub + "/" + rg, List.of());
    }
    // A resource scope: the registry itself, or a child of it (which grants nothing registry-wide).
    Registry exact = byId(scope);
    return exact == null ? List.of() : alone.get(exact);
  }

  /** managementGroup, subscription, resourceGroup, registry or resource. */
  String scopeLevel(String scope) {
    if (AzureIds.isManagementGroupScope(scope)) {
      return "managementGroup";
    }
    if (AzureIds.segment(scope, "resourceGroups") == null) {
      return "subscription";
    }
    if (!scope.toLowerCase(Locale.ROOT).contains("/providers/")) {
      return "resourceGroup";
    }
    return byId(scope) != null ? "registry" : "resource";
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
