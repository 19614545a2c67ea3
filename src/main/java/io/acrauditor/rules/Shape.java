package io.acrauditor.rules;

import io.acrauditor.inventory.index.SubjectKind;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the rule loader knows about the structure of a value a condition can select into, taken
 * from the record types of the inventory model. Only {@link Fields} can refuse a name; a {@code
 * Map}-typed component or anything not a record is {@link Open}, because the model does not say
 * which keys it holds.
 */
sealed interface Shape permits Shape.Fields, Shape.ListOf, Shape.Scalar, Shape.Open {

  /** An object with a known set of names: a record, a subject, the rule's parameters. */
  record Fields(String noun, Map<String, Type> fields) implements Shape {
    Set<String> names() {
      return new TreeSet<>(fields.keySet());
    }

    Shape field(String name) {
      return Shape.of(fields.get(name));
    }
  }

  record ListOf(Shape element) implements Shape {}

  record Scalar(String typeName) implements Shape {}

  record Open() implements Shape {}

  Open OPEN = new Open();

  /** Every field a subject of this kind can carry: the union of its shape records. */
  static Fields ofSubject(SubjectKind kind) {
    Map<String, Type> fields = new LinkedHashMap<>();
    for (Class<? extends Record> type : kind.shape()) {
      fields.putAll(components(type));
    }
    return new Fields("field", Map.copyOf(fields));
  }

  static Fields ofParameters(Collection<String> names) {
    Map<String, Type> fields = new LinkedHashMap<>();
    names.forEach(name -> fields.put(name, Object.class));
    return new Fields("parameter", Map.copyOf(fields));
  }

  static Shape of(Type type) {
    if (type instanceof WildcardType wildcard) {
      return of(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof ParameterizedType parameterized) {
      Type raw = parameterized.getRawType();
      if (raw instanceof Class<?> rawClass && Collection.class.isAssignableFrom(rawClass)) {
        return new ListOf(of(parameterized.getActualTypeArguments()[0]));
      }
      return OPEN;
    }
    if (type instanceof Class<?> cls) {
      if (cls.isRecord()) {
        return new Fields("field", components(cls));
      }
      if (cls.isPrimitive() || Number.class.isAssignableFrom(cls) || cls == String.class
          || cls == Boolean.class || cls.isEnum()) {
        return new Scalar(cls.getSimpleName());
      }
    }
    return OPEN;
  }

  private static Map<String, Type> components(Class<?> record) {
    Map<String, Type> fields = new LinkedHashMap<>();
    for (RecordComponent component : record.getRecordComponents()) {
      fields.put(component.getName(), component.getGenericType());
    }
    return Map.copyOf(fields);
  }
}
