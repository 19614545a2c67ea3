package io.acrauditor.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JacksonSerializable;

/**
 * Turns inventory values into what CEL sees without going through a Jackson tree, giving exactly
 * what {@code CelValues.fromTree(JsonMapper.builder().build().valueToTree(value))} gives (the equivalence test
 * holds it to that): integers as Long, fractions as Double, enums as their {@code toString()},
 * records as maps of their non-null components, nulls left out of lists and maps, empty lists kept.
 *
 * <p>Records become {@link RecordView}s: nothing of a record is read until CEL asks for it, and
 * most rules look at a handful of a subject's fields. A type this class does not know, or a record
 * {@link PlainJackson} does not call plain, goes through Jackson, that value alone.
 */
final class CelConverter {
  private CelConverter() {}

  /** How values of one class convert; decided once per class (see {@link #KINDS}). */
  private enum Kind {
    AS_IS,
    RECORD,
    LIST,
    INTEGER,
    FLOAT,
    BIG_INTEGER,
    BIG_DECIMAL,
    ENUM,
    CHARACTER,
    ARRAY,
    MAP,
    JACKSON
  }

  /**
   * The kind of each class met, so that a value costs one lookup and a switch instead of a chain
   * of {@code instanceof} tests against interfaces, which HotSpot answers slowly for a class that
   * does not implement them (every record, on every field read).
   */
  private static final ClassValue<Kind> KINDS = new ClassValue<>() {
    @Override
    protected Kind computeValue(Class<?> type) {
      return kindOf(type);
    }
  };

  private static Kind kindOf(Class<?> type) {
    if (type == String.class || type == Boolean.class || type == Long.class || type == Double.class) {
      return Kind.AS_IS;
    }
    if (JacksonSerializable.class.isAssignableFrom(type)) {
      return Kind.JACKSON;
    }
    // Jackson writes any Collection as an array and any Map as an object, whatever else they are.
    if (Collection.class.isAssignableFrom(type)) {
      return Kind.LIST;
    }
    if (Map.class.isAssignableFrom(type)) {
      return Kind.MAP;
    }
    if (type.isRecord()) {
      return RecordLayout.of(type) != null ? Kind.RECORD : Kind.JACKSON;
    }
    if (type == Integer.class || type == Short.class || type == Byte.class) {
      return Kind.INTEGER;
    }
    if (type == Float.class) {
      return Kind.FLOAT;
    }
    if (type == BigInteger.class) {
      return Kind.BIG_INTEGER;
    }
    if (type == BigDecimal.class) {
      return Kind.BIG_DECIMAL;
    }
    if (Enum.class.isAssignableFrom(type)) {
      // A constant with a body is an instance of a subclass of its enum.
      Class<?> enumType = type.isEnum() ? type : type.getSuperclass();
      return PlainJackson.isPlainEnum(enumType) ? Kind.ENUM : Kind.JACKSON;
    }
    if (type == Character.class) {
      return Kind.CHARACTER;
    }
    if (Object[].class.isAssignableFrom(type)) {
      return Kind.ARRAY;
    }
    // Subclasses of BigInteger and BigDecimal, primitive arrays, Optional, java.time, and the rest.
    return Kind.JACKSON;
  }

  /** The CEL value of a Java value; null for null (and for what Jackson writes as null). */
  static Object toCel(Object value) {
    if (value == null) {
      return null;
    }
    return switch (KINDS.get(value.getClass())) {
      case AS_IS -> value;
      case RECORD -> new RecordView(RecordLayout.of(value.getClass()), value);
      case LIST -> list((Collection<?>) value);
      case INTEGER -> ((Number) value).longValue();
      case FLOAT -> ((Float) value).doubleValue();
      // Jackson keeps an integer that fits a long as one, and makes a double of the rest.
      case BIG_INTEGER -> ((BigInteger) value).bitLength() < Long.SIZE
          ? (Object) ((BigInteger) value).longValue() : (Object) ((BigInteger) value).doubleValue();
      // Even 2 as a BigDecimal is not an integral node to Jackson, so it is a double.
      case BIG_DECIMAL -> ((BigDecimal) value).doubleValue();
      case ENUM, CHARACTER -> value.toString();
      case ARRAY -> list(Arrays.asList((Object[]) value));
      case MAP -> hasOnlyStringKeys((Map<?, ?>) value) ? map((Map<?, ?>) value) : CelValues.viaJackson(value);
      case JACKSON -> CelValues.viaJackson(value);
    };
  }

  /**
   * A list with nulls left out. A list that already holds only CEL scalars (most do: ids, names,
   * actions) is wrapped, not copied.
   */
  private static List<Object> list(Collection<?> items) {
    if (items instanceof List<?> list && onlyScalars(list)) {
      return Collections.unmodifiableList(list);
    }
    List<Object> converted = new ArrayList<>(items.size());
    for (Object item : items) {
      Object value = toCel(item);
      if (value != null) {
        converted.add(value);
      }
    }
    return Collections.unmodifiableList(converted);
  }

  private static boolean onlyScalars(List<?> list) {
    for (Object item : list) {
      if (!(item instanceof String || item instanceof Boolean || item instanceof Long || item instanceof Double)) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> map(Map<?, ?> map) {
    Map<String, Object> converted = new LinkedHashMap<>(Math.max(4, map.size() * 2));
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object value = toCel(entry.getValue());
      if (value != null) {
        converted.put((String) entry.getKey(), value);
      }
    }
    return Collections.unmodifiableMap(converted);
  }

  /** Other keys (numbers, enums, a null key) are Jackson's to write or refuse. */
  private static boolean hasOnlyStringKeys(Map<?, ?> map) {
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        return false;
      }
    }
    return true;
  }
}
