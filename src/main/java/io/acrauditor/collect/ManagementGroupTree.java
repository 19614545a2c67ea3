package io.acrauditor.collect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Each subscription's management group ancestors, nearest first and the root last, from the body
 * of ARM's {@code GET /providers/Microsoft.Management/managementGroups/{root}?$expand=children&$recurse=true}:
 * the root group with its {@code properties.children}, each child a management group (with its own
 * {@code children}) or a subscription ({@code /subscriptions/{id}}).
 */
final class ManagementGroupTree {
  private ManagementGroupTree() {}

  /** Ancestors by lower-cased subscription id; a subscription the tree does not show is absent. */
  static Map<String, List<String>> ancestors(JsonNode root) {
    Map<String, List<String>> found = new HashMap<>();
    List<String> above = new ArrayList<>();
    above.add(root.path("name").asString());
    walk(root.path("properties").path("children"), above, found);
    return found;
  }

  private static void walk(JsonNode children, List<String> above, Map<String, List<String>> found) {
    for (JsonNode child : children) {
      String id = child.path("id").asString("");
      String name = child.path("name").asString("");
      if (id.toLowerCase(Locale.ROOT).startsWith("/subscriptions/")) {
        List<String> nearestFirst = new ArrayList<>(above);
        java.util.Collections.reverse(nearestFirst);
        found.put(name.toLowerCase(Locale.ROOT), List.copyOf(nearestFirst));
      } else {
        above.add(name);
        walk(child.path("children"), above, found);
        above.remove(above.size() - 1);
      }
    }
  }
}
