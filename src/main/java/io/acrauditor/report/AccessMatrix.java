package io.acrauditor.report;

import io.acrauditor.inventory.index.AccessPath;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The access matrix of a result in report order, without a sorted copy of it: registries in
 * {@link ReportOrder#ACCESS_PATH} order of their first path, each registry's paths in that order.
 * Iterating yields the paths in that order, one registry's worth sorted at a time.
 *
 * <p>The matrix is the one list of a result that grows with the estate (a path per identity and
 * registry, hundreds of thousands in a tenant), while a registry has a few hundred at most. So
 * this keeps, besides the caller's list, only where each registry's paths sit in it: one range per
 * registry when the paths of a registry are contiguous, as the index produces them. Input in any
 * other order gives the same output, at a cost of a range per run of paths of one registry.
 *
 * <p>Paths are grouped by registry id, compared case-insensitively as Azure does.
 */
final class AccessMatrix extends AbstractCollection<AccessPath> {

  /** One registry: how many paths it has and where they are in the source list. */
  static final class Registry {
    private final String key;
    private AccessPath first;
    private int size;
    private int beyondPull;
    /** start, end (exclusive) pairs into the source list. */
    private int[] ranges = new int[2];
    private int rangeCount;

    private Registry(String key) {
      this.key = key;
    }

    /** The path that sorts first: the registry's name and id as the report shows them. */
    AccessPath first() {
      return first;
    }

    String registryName() {
      return first.registryName();
    }

    String registryId() {
      return first.registryId();
    }

    int size() {
      return size;
    }

    int beyondPull() {
      return beyondPull;
    }

    private void add(int index, AccessPath path) {
      if (rangeCount > 0 && ranges[2 * rangeCount - 1] == index) {
        ranges[2 * rangeCount - 1] = index + 1;
      } else {
        if (2 * rangeCount == ranges.length) {
          ranges = Arrays.copyOf(ranges, ranges.length * 2);
        }
        ranges[2 * rangeCount] = index;
        ranges[2 * rangeCount + 1] = index + 1;
        rangeCount++;
      }
      size++;
      if (path.beyondPull()) {
        beyondPull++;
      }
      if (first == null || (!sameRegistryNames(first, path) && REGISTRY.compare(path, first) < 0)) {
        first = path;
      }
    }
  }

  /** The part of {@link ReportOrder#ACCESS_PATH} that orders registries. */
  private static final Comparator<AccessPath> REGISTRY =
      Comparator.comparing(AccessPath::registryName, ReportOrder.folded())
          .thenComparing(AccessPath::registryId, ReportOrder.folded());

  private static final Comparator<Registry> REGISTRY_ORDER =
      Comparator.comparing(Registry::first, REGISTRY).thenComparing(r -> r.key);

  private final List<AccessPath> source;
  private final List<Registry> registries;

  private AccessMatrix(List<AccessPath> source, List<Registry> registries) {
    this.source = source;
    this.registries = registries;
  }

  static AccessMatrix of(List<AccessPath> paths) {
    if (paths == null || paths.isEmpty()) {
      return new AccessMatrix(List.of(), List.of());
    }
    // Indexes into a linked list would make every lookup a walk; a copy of the references is the
    // lesser cost, and the index never hands out one.
    List<AccessPath> source = paths instanceof RandomAccess ? paths : new ArrayList<>(paths);
    Map<String, Registry> byKey = new HashMap<>();
    Registry current = null;
    String currentId = null;
    for (int i = 0; i < source.size(); i++) {
      AccessPath path = source.get(i);
      String id = path.registryId();
      // Consecutive paths of one registry share its id: skip the lower-casing and the lookup.
      if (current == null || !Objects.equals(id, currentId)) {
        current = byKey.computeIfAbsent(key(id), Registry::new);
        currentId = id;
      }
      current.add(i, path);
    }
    List<Registry> registries = new ArrayList<>(byKey.values());
    registries.sort(REGISTRY_ORDER);
    return new AccessMatrix(source, List.copyOf(registries));
  }

  private static String key(String registryId) {
    return Objects.toString(registryId, "").toLowerCase(Locale.ROOT);
  }

  private static boolean sameRegistryNames(AccessPath a, AccessPath b) {
    return Objects.equals(a.registryName(), b.registryName()) && Objects.equals(a.registryId(), b.registryId());
  }

  /** Registries with at least one path, in report order. */
  List<Registry> registries() {
    return registries;
  }

  /** The paths of one registry, in {@link ReportOrder#ACCESS_PATH} order: a new list each call. */
  List<AccessPath> paths(Registry registry) {
    List<AccessPath> rows = new ArrayList<>(registry.size);
    for (int r = 0; r < registry.rangeCount; r++) {
      rows.addAll(source.subList(registry.ranges[2 * r], registry.ranges[2 * r + 1]));
    }
    rows.sort(ReportOrder.ACCESS_PATH);
    return rows;
  }

  /** Every path. */
  @Override
  public int size() {
    return source.size();
  }

  /** Every path in report order; holds one registry's paths at a time. */
  @Override
  public Iterator<AccessPath> iterator() {
    return new Iterator<>() {
      private int next;
      private Iterator<AccessPath> rows = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!rows.hasNext() && next < registries.size()) {
          rows = paths(registries.get(next++)).iterator();
        }
        return rows.hasNext();
      }

      @Override
      public AccessPath next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return rows.next();
      }
    };
  }
}
