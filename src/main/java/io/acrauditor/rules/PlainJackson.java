package io.acrauditor.rules;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JacksonSerializable;

/**
 * Decides whether a type is one whose JSON form under a default {@code JsonMapper} (the one
 * {@link CelValues} used to convert subjects through) is known without asking Jackson, so that
 * {@link CelConverter} may read it directly.
 *
 * <p>Measured on Jackson 3.1 (the equivalence test pins it): a record is written as its components
 * in declaration order under their own names, followed by any extra {@code get*}/{@code is*}
 * method, interface default methods included; an enum as its {@code toString()}. Anything that
 * could change that (a Jackson annotation anywhere on the type, a getter-like method that is not
 * a component, custom serialisation) makes the type "not plain", and its values go through
 * Jackson as before. Refusing is always safe; guessing is not.
 */
final class PlainJackson {
  private static final ClassValue<String> RECORD_REFUSAL = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      return recordRefusal(type);
    }
  };

  private static final ClassValue<Boolean> PLAIN_ENUM = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return !JacksonSerializable.class.isAssignableFrom(type) && !hasJacksonAnnotation(type);
    }
  };

  private PlainJackson() {}

  /** Why this record class must go through Jackson, or null when its components are its JSON. */
  static String whyNotPlainRecord(Class<?> recordClass) {
    return RECORD_REFUSAL.get(recordClass);
  }

  /** True when Jackson writes this enum's constants as their {@code toString()}. */
  static boolean isPlainEnum(Class<?> enumClass) {
    return PLAIN_ENUM.get(enumClass);
  }

  private static String recordRefusal(Class<?> type) {
    if (!type.isRecord()) {
      return "not a record";
    }
    if (JacksonSerializable.class.isAssignableFrom(type)) {
      return "serialises itself";
    }
    if (hasJacksonAnnotation(type)) {
      return "carries Jackson annotations";
    }
    Set<String> accessors = new HashSet<>();
    for (RecordComponent component : type.getRecordComponents()) {
      accessors.add(component.getAccessor().getName());
    }
    for (Method method : type.getMethods()) {
      Class<?> owner = method.getDeclaringClass();
      if (owner == Object.class || owner == Record.class || Modifier.isStatic(method.getModifiers())
          || method.getParameterCount() != 0 || method.getReturnType() == void.class
          || accessors.contains(method.getName())) {
        continue;
      }
      if (looksLikeGetter(method.getName())) {
        // Jackson would add it as a property after the components.
        return "has getter-like method " + method.getName() + "()";
      }
    }
    return null;
  }

  private static boolean looksLikeGetter(String name) {
    return (name.startsWith("get") && name.length() > 3) || (name.startsWith("is") && name.length() > 2);
  }

  /**
   * Any Jackson annotation on the type, its supertypes and interfaces, their fields, methods,
   * record components and constructor parameters: any of them may rename, hide, reorder, reshape
   * or re-serialise a property, and reproducing each is not worth the risk.
   */
  static boolean hasJacksonAnnotation(Class<?> type) {
    Deque<Class<?>> pending = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    pending.add(type);
    while (!pending.isEmpty()) {
      Class<?> current = pending.poll();
      if (current == Object.class || current == Record.class || current == Enum.class
          || !seen.add(current)) {
        continue;
      }
      if (annotated(current) || any(current.getDeclaredFields()) || any(current.getDeclaredMethods())) {
        return true;
      }
      for (Constructor<?> constructor : current.getDeclaredConstructors()) {
        if (annotated(constructor) || any(constructor.getParameters())) {
          return true;
        }
      }
      for (Method method : current.getDeclaredMethods()) {
        if (any(method.getParameters())) {
          return true;
        }
      }
      if (current.isRecord() && any(current.getRecordComponents())) {
        return true;
      }
      if (current.getSuperclass() != null) { // interfaces have none
        pending.add(current.getSuperclass());
      }
      pending.addAll(Arrays.asList(current.getInterfaces()));
    }
    return false;
  }

  private static boolean any(AnnotatedElement[] elements) {
    for (AnnotatedElement element : elements) {
      if (annotated(element)) {
        return true;
      }
    }
    return false;
  }

  private static boolean any(Parameter[] parameters) {
    for (Parameter parameter : parameters) {
      if (annotated(parameter)) {
        return true;
      }
    }
    return false;
  }

  private static boolean annotated(AnnotatedElement element) {
    for (Annotation annotation : element.getDeclaredAnnotations()) {
      Class<? extends Annotation> kind = annotation.annotationType();
      if (isJackson(kind)) {
        return true;
      }
      // A project annotation bundling Jackson ones (@JacksonAnnotationsInside) counts as Jackson's.
      for (Annotation meta : kind.getDeclaredAnnotations()) {
        if (isJackson(meta.annotationType())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isJackson(Class<? extends Annotation> kind) {
    String name = kind.getName();
    return name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson.");
  }
}
