package io.acrauditor.rules;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * The components of one record class, in declaration order, with an accessor for each, built once
 * per class: reflection is slow, a cached {@link MethodHandle} is not. A layout exists only for
 * records {@link PlainJackson} calls plain; the others keep going through Jackson.
 */
final class RecordLayout {
  private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);

  /** What a class resolves to: a layout, or the reason it has none. */
  private record Resolution(RecordLayout layout, String refusal) {}

  private static final ClassValue<Resolution> LAYOUTS = new ClassValue<>() {
    @Override
    protected Resolution computeValue(Class<?> type) {
      String refusal = PlainJackson.whyNotPlainRecord(type);
      if (refusal != null) {
        return new Resolution(null, refusal);
      }
      try {
        return new Resolution(new RecordLayout(type), null);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // An accessor we may not call (module rules): Jackson may still be able to.
        return new Resolution(null, "accessors not callable: " + e);
      }
    }
  };

  private final Class<?> type;
  private final String[] names;
  private final MethodHandle[] accessors;
  private final Map<String, Integer> positions;

  private RecordLayout(Class<?> type) throws ReflectiveOperationException {
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    names = new String[components.length];
    accessors = new MethodHandle[components.length];
    positions = new HashMap<>(components.length * 2);
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    for (int i = 0; i < components.length; i++) {
      names[i] = components[i].getName();
      Method accessor = components[i].getAccessor();
      // A record nested in a non-public class (tests do this) has public accessors we still may not call.
      accessor.setAccessible(true);
      accessors[i] = lookup.unreflect(accessor).asType(ACCESSOR);
      positions.put(names[i], i);
    }
  }

  /** The layout of a plain record class, or null when its values must go through Jackson. */
  static RecordLayout of(Class<?> type) {
    return LAYOUTS.get(type).layout();
  }

  int size() {
    return names.length;
  }

  String name(int position) {
    return names[position];
  }

  /** The position of a component, or -1 when the record has none of that name. */
  int position(Object name) {
    Integer position = positions.get(name);
    return position == null ? -1 : position;
  }

  /** The raw component value, as the record holds it. */
  Object read(Object record, int position) {
    try {
      return accessors[position].invokeExact(record);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("could not read " + type.getSimpleName() + "." + names[position] + ": " + e, e);
    }
  }
}
