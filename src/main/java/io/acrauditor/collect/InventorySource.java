package io.acrauditor.collect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the inventory of registries, clusters and role assignments is read from. Both give the
 * same snapshot for the same estate; they differ in how many requests that costs.
 */
public enum InventorySource {
  /**
   * Azure Resource Graph: one paged query per kind for up to 1,000 subscriptions at once. What
   * Resource Graph does not index (tokens, scope maps, diagnostic settings, assignments inherited
   * from above the subscriptions) is still read through ARM.
   */
  GRAPH("graph"),
  /** Azure Resource Manager list operations, subscription by subscription. */
  ARM("arm");

  private final String wireName;

  InventorySource(String wireName) {
    this.wireName = wireName;
  }

  /** The name used on the command line and in {@code source.inventorySource} of a snapshot. */
  public String wireName() {
    return wireName;
  }

  public static InventorySource parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.wireName.equals(n)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown inventory source '" + name + "'; expected one of "
            + Arrays.stream(values()).map(InventorySource::wireName).collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
