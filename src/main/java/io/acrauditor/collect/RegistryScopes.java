package io.acrauditor.collect;

import java.util.Locale;

/**
 * Which role assignments the inventory keeps: those whose scope can cover a container registry.
 *
 * <p>An assignment grants on its scope and everything below it. The root, a management group, a
 * subscription and a resource group can hold registries; a resource scope covers a registry only
 * when it is the registry or something beneath it. An assignment on any other resource (a storage
 * account, a key vault; in large tenants most assignments) grants nothing on a registry, and
 * nothing downstream reads it: the index resolves it to no registry, so it is no rule's subject,
 * no access path and no principal's registry role. Dropping it where it is read saves Resource
 * Graph pages (the filter runs in the query) and, on both inventory sources, the principal reads
 * of identities that only hold such assignments.
 *
 * <p>The same rule is applied in Java to what ARM lists and in KQL to what Resource Graph returns,
 * so that both sources keep the same assignments. Comparisons ignore case: Resource Graph
 * lower-cases provider segments, ARM does not.
 */
final class RegistryScopes {

  private static final String PROVIDERS = "/providers/";
  private static final String MANAGEMENT_GROUPS = "/providers/microsoft.management/managementgroups/";
  private static final String REGISTRIES = "/providers/microsoft.containerregistry/registries/";

  /**
   * The same test on {@code properties.scope} of an {@code authorizationresources} row. KQL's
   * {@code contains} and {@code !contains} ignore case.
   */
  static final String KQL_CONDITION = "isempty(tostring(properties.scope))"
      + " or tostring(properties.scope) !contains '" + PROVIDERS + "'"
      + " or tostring(properties.scope) contains '" + MANAGEMENT_GROUPS + "'"
      + " or tostring(properties.scope) contains '" + REGISTRIES + "'";

  private RegistryScopes() {}

  /**
   * True when an assignment at {@code scope} may grant something on a registry. An unknown
   * (missing) scope is kept: what it covers is for the index to decide, not for the collector.
   */
  static boolean mayCoverRegistries(String scope) {
    if (scope == null || scope.isEmpty()) {
      return true;
    }
    String s = scope.toLowerCase(Locale.ROOT);
    return !s.contains(PROVIDERS) || s.contains(MANAGEMENT_GROUPS) || s.contains(REGISTRIES);
  }
}
