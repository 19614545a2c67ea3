package io.acrauditor.rules;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A record as the read-only CEL map of its non-null components, in declaration order. A component
 * is read and converted ({@link CelConverter#toCel}) the first time anything asks for it, and kept:
 * CEL asks {@code containsKey} then {@code get} for every selection, and rules select the same few
 * fields again and again. Equality, hash code, size and iteration are those of the equivalent
 * {@code LinkedHashMap} ({@link AbstractMap} builds them on {@link #entrySet}).
 *
 * <p>Not thread-safe: a view is made for one evaluation of one subject, on one thread.
 */
final class RecordView extends AbstractMap<String, Object> {
  /** Marks a component read and found null (absent), to tell it from one not read yet. */
  private static final Object ABSENT = new Object();

  private final RecordLayout layout;
  private final Object record;
  private final Object[] values;

  RecordView(RecordLayout layout, Object record) {
    this.layout = layout;
    this.record = record;
    this.values = new Object[layout.size()];
  }

  /** The converted component at a position, or null when the record holds null there. */
  private Object valueAt(int position) {
    Object value = values[position];
    if (value == null) {
      Object converted = CelConverter.toCel(layout.read(record, position));
      value = converted == null ? ABSENT : converted;
      values[position] = value;
    }
    return value == ABSENT ? null : value;
  }

  @Override
  public Object get(Object key) {
    int position = layout.position(key);
    return position < 0 ? null : valueAt(position);
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public int size() {
    int size = 0;
    for (int i = 0; i < values.length; i++) {
      if (valueAt(i) != null) {
        size++;
      }
    }
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
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
        return RecordView.this.size();
      }
    };
  }

  /** The present components in declaration order; read-only. */
  private final class Entries implements Iterator<Map.Entry<String, Object>> {
    private int next = advance(0);

    private int advance(int from) {
      int position = from;
      while (position < values.length && valueAt(position) == null) {
        position++;
      }
      return position;
    }

    @Override
    public boolean hasNext() {
      return next < values.length;
    }

    @Override
    public Map.Entry<String, Object> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Map.Entry<String, Object> entry = new SimpleImmutableEntry<>(layout.name(next), valueAt(next));
      next = advance(next + 1);
      return entry;
    }
  }
}
