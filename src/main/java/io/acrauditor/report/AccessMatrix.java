package io.acrauditor.report;

import io.acrauditor.inventory.index.AccessPath;
import io.acrauditor.inventory.index.RegistryAccessPaths;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The access matrix of a result in report order: registries in {@link ReportOrder#ACCESS_PATH}
 * order of their first path, each registry's paths in that order. Iterating yields the paths in
 * that order, one registry's worth asked of the source and sorted at a time.
 *
 * <p>The matrix is the one part of a result that grows with the estate (a path per identity and
 * registry, hundreds of thousands in a tenant), while a registry has a few hundred at most. So
 * this keeps, per registry, only its place in the source, its first path and its counts; the
 * source computes a registry's paths again each time they are asked for.
 */
final class AccessMatrix extends AbstractCollection<AccessPath> {

  /** One registry: where it is in the source and how many paths it has. */
  static final class Registry {
    private final int position;
    private final AccessPath first;
    private final int size;
    private final int beyondPull;

    private Registry(int position, List<AccessPath> paths) {
      this.position = position;
      this.first = paths.stream().min(REGISTRY).orElseThrow();
      this.size = paths.size();
      this.beyondPull = (int) paths.stream().filter(AccessPath::beyondPull).count();
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
  }

  /** The part of {@link ReportOrder#ACCESS_PATH} that orders registries. */
  private static final Comparator<AccessPath> REGISTRY =
      Comparator.comparing(AccessPath::registryName, ReportOrder.folded())
          .thenComparing(AccessPath::registryId, ReportOrder.folded());

  private static final Comparator<Registry> REGISTRY_ORDER =
      Comparator.comparing(Registry::first, REGISTRY).thenComparingInt(r -> r.position);

  private final RegistryAccessPaths source;
  private final List<Registry> registries;
  private final int size;

  private AccessMatrix(RegistryAccessPaths source, List<Registry> registries) {
    this.source = source;
    this.registries = registries;
    this.size = registries.stream().mapToInt(Registry::size).sum();
  }

  static AccessMatrix of(RegistryAccessPaths paths) {
    if (paths == null) {
      return new AccessMatrix(RegistryAccessPaths.NONE, List.of());
    }
    List<Registry> registries = new ArrayList<>();
    for (int i = 0; i < paths.registryCount(); i++) {
      List<AccessPath> rows = paths.paths(i);
      if (!rows.isEmpty()) {
        registries.add(new Registry(i, rows));
      }
    }
    registries.sort(REGISTRY_ORDER);
    return new AccessMatrix(paths, List.copyOf(registries));
  }

  /** Registries with at least one path, in report order. */
  List<Registry> registries() {
    return registries;
  }

  /** The paths of one registry, in {@link ReportOrder#ACCESS_PATH} order: a new list each call. */
  List<AccessPath> paths(Registry registry) {
    List<AccessPath> rows = source.paths(registry.position); // a new list each call: ours to sort
    rows.sort(ReportOrder.ACCESS_PATH);
    return rows;
  }

  /** Every path. */
  @Override
  public int size() {
    return size;
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
