package io.acrauditor.rules;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A subject as CEL sees it: the resource's fields, then the facts' fields, read through without
 * copying either. It answers as the {@code LinkedHashMap} the two used to be put into would: a
 * name both carry has the facts' value at the resource's position (no subject kind has such a
 * name today, but a future facts record may).
 *
 * <p>Read-only; not thread-safe when its parts are {@link RecordView}s (one evaluation, one thread).
 */
final class SubjectMap extends AbstractMap<String, Object> {
  private final Map<String, Object> resource;
  private final Map<String, Object> facts;

  SubjectMap(Map<String, Object> resource, Map<String, Object> facts) {
    this.resource = resource;
    this.facts = facts;
  }

  @Override
  public Object get(Object key) {
    Object value = facts.get(key);
    return value != null ? value : resource.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public int size() {
    int size = resource.size();
    for (String name : facts.keySet()) {
      if (!resource.containsKey(name)) {
        size++;
      }
    }
    return size;
  }

  @Override
  public boolean isEmpty() {
    return resource.isEmpty() && facts.isEmpty();
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Entries();
      }

      @Override
      public int size() {
        return SubjectMap.this.size();
      }
    };
  }

  /** The resource's entries (a name the facts also carry with the facts' value), then the facts' own. */
  private final class Entries implements Iterator<Map.Entry<String, Object>> {
    private final Iterator<Map.Entry<String, Object>> ofResource = resource.entrySet().iterator();
    private final Iterator<Map.Entry<String, Object>> ofFacts = facts.entrySet().iterator();
    private Map.Entry<String, Object> next = advance();

    private Map.Entry<String, Object> advance() {
      if (ofResource.hasNext()) {
        Map.Entry<String, Object> entry = ofResource.next();
        Object override = facts.get(entry.getKey());
        return override == null ? entry : new SimpleImmutableEntry<>(entry.getKey(), override);
      }
      while (ofFacts.hasNext()) {
        Map.Entry<String, Object> entry = ofFacts.next();
        if (!resource.containsKey(entry.getKey())) {
          return entry;
        }
      }
      return null;
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Map.Entry<String, Object> next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      Map.Entry<String, Object> entry = next;
      next = advance();
      return entry;
    }
  }
}
