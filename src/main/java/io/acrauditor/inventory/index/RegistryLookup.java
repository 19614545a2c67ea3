package io.acrauditor.inventory.index;

import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
  /** Lower-cased management group names above each subscription whose ancestry was read. */
  private final Map<String, Set<String>> ancestorsBySubscription = new HashMap<>();
  private final String tenantRootGroup;

  RegistryLookup(List<Registry> registries) {
    this(registries, List.of(), null);
  }

  /**
   * @param subscriptions the audited subscriptions, with their management group ancestors where
   *     they were read
   * @param tenantId the tenant, whose root management group (named after it) is above every
   *     subscription
   */
  RegistryLookup(List<Registry> registries, List<Coverage.AuditedSubscription> subscriptions, String tenantId) {
    this.all = registries;
    this.tenantRootGroup = lower(tenantId);
    for (Coverage.AuditedSubscription s : subscriptions) {
      if (s.subscriptionId() != null && s.managementGroupAncestors() != null) {
        Set<String> names = new HashSet<>();
        s.managementGroupAncestors().forEach(name -> names.add(lower(name)));
        ancestorsBySubscription.put(lower(s.subscriptionId()), names);
      }
    }
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
   * The registries a role assignment scope covers. A management group covers exactly the
   * registries of the subscriptions beneath it; the root scope and the tenant root group cover all.
   * A registry whose subscription's ancestry could not be read is never covered by a management
   * group below the root: see {@link #mayBeCoveredBy}.
   */
  List<Registry> coveredBy(String scope) {
    if (scope == null) {
      return List.of();
    }
    if (AzureIds.isManagementGroupScope(scope)) {
      String group = managementGroup(scope);
      if (coversEverything(group)) {
        return all;
      }
      List<Registry> covered = new ArrayList<>();
      for (Registry registry : all) {
        Set<String> ancestors = ancestorsBySubscription.get(subscriptionOf(registry));
        if (ancestors != null && ancestors.contains(group)) {
          covered.add(registry);
        }
      }
      return covered;
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

  /**
   * The registries a management group scope may cover: those whose subscription's ancestry could
   * not be read (a coverage gap). Empty for any other scope.
   */
  List<Registry> mayBeCoveredBy(String scope) {
    if (scope == null || !AzureIds.isManagementGroupScope(scope) || coversEverything(managementGroup(scope))) {
      return List.of();
    }
    List<Registry> unknown = new ArrayList<>();
    for (Registry registry : all) {
      if (!ancestorsBySubscription.containsKey(subscriptionOf(registry))) {
        unknown.add(registry);
      }
    }
    return unknown;
  }

  private boolean coversEverything(String group) {
    return group == null || group.equals(tenantRootGroup);
  }

  /** The management group's name, lower-cased; null for the root scope {@code /}. */
  private static String managementGroup(String scope) {
    return lower(AzureIds.segment(scope, "managementGroups"));
  }

  private static String subscriptionOf(Registry registry) {
    return lower(AzureIds.segment(registry.id(), "subscriptions"));
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
