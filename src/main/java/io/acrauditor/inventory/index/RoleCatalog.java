package io.acrauditor.inventory.index;

import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.RoleDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Role definitions by GUID: those in the snapshot first, then Azure's built-in roles shipped in
 * the jar, so that an assignment of AcrPull or Owner is understood even when the collector could
 * not read the definition.
 */
final class RoleCatalog {
  private static final List<RoleDefinition> BUILT_IN = loadBuiltIn();

  private final Map<String, RoleDefinition> byGuid = new HashMap<>();
  private final Map<String, RoleDefinition> found = new HashMap<>();

  RoleCatalog(List<RoleDefinition> fromSnapshot) {
    for (RoleDefinition role : BUILT_IN) {
      byGuid.put(guidOf(role), role);
    }
    for (RoleDefinition role : fromSnapshot) {
      byGuid.put(guidOf(role), role);
    }
  }

  /** The definition a role definition id points at, or null when unknown. */
  RoleDefinition find(String roleDefinitionId) {
    // Hundreds of thousands of assignments name a few dozen roles: parse each id once.
    if (found.containsKey(roleDefinitionId)) {
      return found.get(roleDefinitionId);
    }
    String guid = AzureIds.lastSegment(roleDefinitionId);
    RoleDefinition role = guid == null ? null : byGuid.get(guid.toLowerCase(Locale.ROOT));
    found.put(roleDefinitionId, role);
    return role;
  }

  private static String guidOf(RoleDefinition role) {
    String guid = role.name() != null ? role.name() : AzureIds.lastSegment(role.id());
    return guid.toLowerCase(Locale.ROOT);
  }

  private static List<RoleDefinition> loadBuiltIn() {
    try (InputStream in = RoleCatalog.class.getResourceAsStream("/azure/builtin-roles.json")) {
      if (in == null) {
        throw new IllegalStateException("azure/builtin-roles.json is missing from the classpath");
      }
      return JsonMapper.builder().build().readValue(in, new TypeReference<List<RoleDefinition>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in role catalogue", e);
    }
  }
}
