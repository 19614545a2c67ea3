package io.acrauditor.report;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * {@code source} with {@code view} applied to an element each time it is read, nothing kept:
 * the template's loop makes each view when it reaches it and the previous one can be collected.
 */
final class LazyList<S, T> extends AbstractList<T> implements RandomAccess {
  private final List<S> source;
  private final Function<S, T> view;

  LazyList(List<S> source, Function<S, T> view) {
    this.source = source;
    this.view = view;
  }

  @Override
  public T get(int index) {
    return view.apply(source.get(index));
  }

  @Override
  public int size() {
    return source.size();
  }
}
