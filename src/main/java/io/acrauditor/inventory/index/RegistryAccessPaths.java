package io.acrauditor.inventory.index;

import io.acrauditor.inventory.AzureIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Who can pull from each registry, one registry at a time. The index computes a registry's paths
 * when they are asked for, so the whole matrix of a large estate (a path per identity and
 * registry: hundreds of thousands) is never in memory at once; a report walks it twice at most.
 */
public interface RegistryAccessPaths {
  RegistryAccessPaths NONE = of(List.of());

  /** How many registries there are; some may have no path. */
  int registryCount();

  /** The paths of the registry at {@code registry} (0-based), in no particular order: a new, modifiable list each call. */
  List<AccessPath> paths(int registry);

  /** Every path, registry by registry. */
  default Stream<AccessPath> stream() {
    return IntStream.range(0, registryCount()).boxed().flatMap(i -> paths(i).stream());
  }

  /** Paths already in memory (a small result, a test), grouped by registry id in order of first appearance. */
  static RegistryAccessPaths of(List<AccessPath> paths) {
    Map<String, List<AccessPath>> byRegistry = new LinkedHashMap<>();
    for (AccessPath path : paths) {
      byRegistry.computeIfAbsent(AzureIds.key(path.registryId()), k -> new ArrayList<>()).add(path);
    }
    List<List<AccessPath>> groups = List.copyOf(byRegistry.values());
    return new RegistryAccessPaths() {
      @Override
      public int registryCount() {
        return groups.size();
      }

      @Override
      public List<AccessPath> paths(int registry) {
        return new ArrayList<>(groups.get(registry));
      }
    };
  }
}
