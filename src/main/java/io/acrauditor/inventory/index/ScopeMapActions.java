package io.acrauditor.inventory.index;

import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.ScopeMap;
import io.acrauditor.inventory.Token;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a token's scope map and reads what its actions allow. The system-defined scope maps
 * are known by name, so a token bound to {@code _repositories_admin} is judged even when the
 * collector could not list scope maps.
 */
final class ScopeMapActions {
  private static final List<String> ADMIN = List.of(
      "repositories/*/metadata/read", "repositories/*/metadata/write",
      "repositories/*/content/read", "repositories/*/content/write", "repositories/*/content/delete");
  private static final Map<String, List<String>> SYSTEM_DEFINED = Map.of(
      "_repositories_admin", ADMIN,
      "_repositories_push", List.of("repositories/*/content/read", "repositories/*/content/write"),
      "_repositories_push_metadata_write", List.of(
          "repositories/*/metadata/read", "repositories/*/metadata/write",
          "repositories/*/content/read", "repositories/*/content/write"),
      "_repositories_pull", List.of("repositories/*/content/read"),
      "_repositories_pull_metadata_read", List.of("repositories/*/metadata/read", "repositories/*/content/read"));

  /**
   * The actions ACR documents for scope maps: repository content and metadata, and the gateway
   * actions of connected registries. Anything else cannot be judged.
   */
  private static final java.util.regex.Pattern KNOWN = java.util.regex.Pattern.compile(
      "repositories/.+/(content/(read|write|delete)|metadata/(read|write))"
          + "|gateway/[^/]+/(config|message)/(read|write)");

  private ScopeMapActions() {}

  /** The map's actions that are none of the documented ones, as written. */
  static List<String> unknownActions(ScopeMap map) {
    if (map == null || map.actions() == null) {
      return List.of();
    }
    return map.actions().stream()
        .filter(a -> a == null || !KNOWN.matcher(a.toLowerCase(Locale.ROOT)).matches())
        .map(String::valueOf)
        .toList();
  }

  static ScopeMap resolve(Registry registry, Token token) {
    if (token.scopeMapId() == null) {
      return null;
    }
    String wanted = AzureIds.key(token.scopeMapId());
    String name = AzureIds.lastSegment(token.scopeMapId());
    if (registry.scopeMaps() != null) {
      for (ScopeMap map : registry.scopeMaps()) {
        if (wanted.equals(AzureIds.key(map.id()))) {
          return map;
        }
      }
      for (ScopeMap map : registry.scopeMaps()) {
        if (name.equalsIgnoreCase(map.name())) {
          return map;
        }
      }
    }
    List<String> known = SYSTEM_DEFINED.get(name.toLowerCase(Locale.ROOT));
    return known == null ? null : new ScopeMap(token.scopeMapId(), name, "SystemDefined", null, null, known);
  }

  static boolean grantsWrite(ScopeMap map) {
    return any(map, a -> a.endsWith("/content/write") || a.endsWith("/metadata/write"));
  }

  static boolean grantsDelete(ScopeMap map) {
    return any(map, a -> a.endsWith("/content/delete"));
  }

  static boolean grantsRead(ScopeMap map) {
    return any(map, a -> a.endsWith("/content/read"));
  }

  /** An action like {@code repositories/*}{@code /content/read} or {@code repositories/team-*}{@code /...}. */
  static boolean wildcardRepositories(ScopeMap map) {
    return any(map, a -> {
      String[] parts = a.split("/");
      return parts.length > 1 && parts[0].equals("repositories") && parts[1].contains("*");
    });
  }

  private static boolean any(ScopeMap map, java.util.function.Predicate<String> test) {
    if (map == null || map.actions() == null) {
      return false;
    }
    for (String action : map.actions()) {
      if (action != null && test.test(action.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
