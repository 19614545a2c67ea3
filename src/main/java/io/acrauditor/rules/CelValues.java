package io.acrauditor.rules;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.acrauditor.inventory.index.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversions between the project's Java values and what CEL sees.
 *
 * <p>Into CEL: every integer is a Long and every fraction a Double (CEL has no 32-bit int, and an
 * Integer would find no overload), and a null or absent value is left out of its map so that
 * {@code has()} answers the question "did Azure tell us". Out of CEL: plain Java values for
 * findings JSON.
 */
final class CelValues {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private CelValues() {}

  /**
   * The subject as one CEL map: the resource's fields, then the facts joined onto it. Read through
   * the records ({@link CelConverter}), not copied: building a Jackson tree of every subject cost
   * more than evaluating its rules.
   */
  static Map<String, Object> subjectValue(Subject subject) {
    return new SubjectMap(fieldsOf(subject.resource()), fieldsOf(subject.facts()));
  }

  /** A value written in a rule file (a test subject, a parameter) converted like a subject. */
  static Object fromPlain(Object value) {
    return viaJackson(value);
  }

  /** What the subject conversion did before {@link CelConverter}, for a value it cannot read itself. */
  static Object viaJackson(Object value) {
    return fromTree(MAPPER.valueToTree(value));
  }

  /** A record's fields; none when it is null or (only through Jackson) not written as an object. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> fieldsOf(Record value) {
    Object converted = CelConverter.toCel(value);
    return converted instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  static Object fromTree(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        Object converted = fromTree(field.getValue());
        if (converted != null) {
          map.put(field.getKey(), converted);
        }
      }
      return Collections.unmodifiableMap(map);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode element : node) {
        Object converted = fromTree(element);
        if (converted != null) {
          list.add(converted);
        }
      }
      return Collections.unmodifiableList(list);
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBinary()) {
      return Base64.getEncoder().encodeToString(node.binaryValue());
    }
    return node.asString();
  }

  /**
   * A CEL result as a plain Java value (String, Long, Double, Boolean, List, Map), or empty when
   * it is null. Timestamps and durations become ISO-8601 strings.
   */
  static Optional<Object> toPlain(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
      return Optional.of(value);
    }
    if (value instanceof Integer i) {
      return Optional.of(i.longValue());
    }
    if (value instanceof Float f) {
      return Optional.of(f.doubleValue());
    }
    if (value instanceof UnsignedLong u) {
      return Optional.of(u.bigIntegerValue().bitLength() < 64 ? (Object) u.longValue() : u.toString());
    }
    if (value instanceof Number n) {
      return Optional.of(n.toString());
    }
    if (value instanceof Instant instant) {
      return Optional.of(instant.toString());
    }
    if (value instanceof Timestamp ts) {
      return Optional.of(Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()).toString());
    }
    if (value instanceof java.time.Duration d) {
      return Optional.of(d.toString());
    }
    if (value instanceof Duration d) {
      return Optional.of(java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos()).toString());
    }
    if (value instanceof ByteString bytes) {
      return Optional.of(Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }
    if (value instanceof com.google.protobuf.NullValue || value instanceof dev.cel.common.values.NullValue) {
      return Optional.empty();
    }
    if (value instanceof List<?> list) {
      List<Object> plain = new ArrayList<>(list.size());
      for (Object element : list) {
        toPlain(element).ifPresent(plain::add);
      }
      return Optional.of(Collections.unmodifiableList(plain));
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> plain = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        toPlain(entry.getValue()).ifPresent(v -> plain.put(String.valueOf(entry.getKey()), v));
      }
      return Optional.of(Collections.unmodifiableMap(plain));
    }
    return Optional.of(value.toString());
  }

  /** How a value reads inside a message or command: lists joined by commas, no quotes. */
  static String display(Object plain) {
    if (plain instanceof List<?> list) {
      StringBuilder text = new StringBuilder();
      for (Object element : list) {
        if (!text.isEmpty()) {
          text.append(", ");
        }
        text.append(display(element));
      }
      return text.toString();
    }
    if (plain instanceof Map<?, ?> map) {
      StringBuilder text = new StringBuilder("{");
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (text.length() > 1) {
          text.append(", ");
        }
        text.append(entry.getKey()).append(": ").append(display(entry.getValue()));
      }
      return text.append('}').toString();
    }
    return String.valueOf(plain);
  }
}
