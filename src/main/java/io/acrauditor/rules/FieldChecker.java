package io.acrauditor.rules;

import dev.cel.common.ast.CelExpr;
import io.acrauditor.text.EditDistance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Refuses a checked CEL expression that selects a field no subject can have. The subject is a
 * dynamic map to CEL, so the CEL checker cannot see a typo like {@code registry.adminUserEnabeld};
 * without this check the rule would load and then quietly never fire (or error on every subject).
 *
 * <p>Select chains are followed from the subject variable, from {@code params}, and from the
 * iteration variable of a comprehension over a list of records, as deep as the model's record
 * types go.
 */
final class FieldChecker {
  private final List<String> problems = new ArrayList<>();
  private final Set<String> paths = new TreeSet<>();

  private FieldChecker() {}

  /**
   * What a walk found: {@code problems}, each a short sentence (empty when every name is known),
   * and {@code paths}, every field path selected from a variable, written from the variable
   * ({@code cluster.aadProfile.managed}; an element of a list as {@code registriesPulled[]}).
   */
  record Result(List<String> problems, Set<String> paths) {}

  /** Problems found, each a short sentence; empty when every name is known. */
  static List<String> check(CelExpr root, Map<String, Shape> variables) {
    return walkAll(root, variables).problems();
  }

  static Result walkAll(CelExpr root, Map<String, Shape> variables) {
    FieldChecker checker = new FieldChecker();
    Map<String, Resolved> scope = new HashMap<>();
    variables.forEach((name, shape) -> scope.put(name, new Resolved(shape, name, name)));
    checker.walk(root, scope);
    return new Result(List.copyOf(checker.problems), Collections.unmodifiableSet(checker.paths));
  }

  /**
   * @param path the selection as written ({@code p.expiry}), for messages
   * @param origin the same from the variable it starts at ({@code token.credentials.passwords[].expiry})
   */
  private record Resolved(Shape shape, String path, String origin) {
    Resolved(Shape shape, String path) {
      this(shape, path, path);
    }
  }

  private void walk(CelExpr expr, Map<String, Resolved> scope) {
    switch (expr.getKind()) {
      case IDENT, SELECT -> resolve(expr, scope);
      case CALL -> {
        if (expr.call().function().equals("_[_]")) {
          resolve(expr, scope);
          return;
        }
        expr.call().target().ifPresent(target -> walk(target, scope));
        expr.call().args().forEach(arg -> walk(arg, scope));
      }
      case LIST -> expr.list().elements().forEach(element -> walk(element, scope));
      case MAP -> expr.map().entries().forEach(entry -> {
        walk(entry.key(), scope);
        walk(entry.value(), scope);
      });
      case STRUCT -> expr.struct().entries().forEach(entry -> walk(entry.value(), scope));
      case COMPREHENSION -> walkComprehension(expr.comprehension(), scope);
      default -> {}
    }
  }

  private void walkComprehension(CelExpr.CelComprehension loop, Map<String, Resolved> scope) {
    Resolved range = resolve(loop.iterRange(), scope);
    walk(loop.accuInit(), scope);
    Map<String, Resolved> inner = new HashMap<>(scope);
    // Every comprehension variable shadows outer names, even when nothing is known about it.
    inner.put(loop.accuVar(), new Resolved(Shape.OPEN, "(expression)"));
    inner.put(loop.iterVar(), new Resolved(
        range.shape() instanceof Shape.ListOf list ? list.element() : Shape.OPEN, loop.iterVar(), range.origin() + "[]"));
    if (!loop.iterVar2().isEmpty()) {
      inner.put(loop.iterVar2(), new Resolved(Shape.OPEN, "(expression)"));
    }
    walk(loop.loopCondition(), inner);
    walk(loop.loopStep(), inner);
    Map<String, Resolved> resultScope = new HashMap<>(scope);
    resultScope.put(loop.accuVar(), new Resolved(Shape.OPEN, "(expression)"));
    walk(loop.result(), resultScope);
  }

  private Resolved resolve(CelExpr expr, Map<String, Resolved> scope) {
    switch (expr.getKind()) {
      case IDENT -> {
        String name = expr.ident().name();
        return scope.getOrDefault(name, new Resolved(Shape.OPEN, name));
      }
      case SELECT -> {
        Resolved parent = resolve(expr.select().operand(), scope);
        String field = expr.select().field();
        String path = parent.path() + "." + field;
        String origin = parent.origin() + "." + field;
        paths.add(origin);
        return new Resolved(select(parent, field, path), path, origin);
      }
      case CALL -> {
        if (expr.call().function().equals("_[_]") && expr.call().args().size() == 2) {
          Resolved container = resolve(expr.call().args().get(0), scope);
          walk(expr.call().args().get(1), scope);
          Shape element = container.shape() instanceof Shape.ListOf list ? list.element() : Shape.OPEN;
          return new Resolved(element, container.path() + "[]", container.origin() + "[]");
        }
        walk(expr, scope);
        return new Resolved(Shape.OPEN, "(expression)");
      }
      default -> {
        walk(expr, scope);
        return new Resolved(Shape.OPEN, "(expression)");
      }
    }
  }

  private Shape select(Resolved parent, String field, String path) {
    Shape shape = parent.shape();
    if (shape instanceof Shape.Fields fields) {
      if (fields.fields().containsKey(field)) {
        return fields.field(field);
      }
      problems.add("unknown " + fields.noun() + " '" + field + "' in " + path + suggestions(field, fields));
      return Shape.OPEN;
    }
    if (shape instanceof Shape.ListOf) {
      problems.add("'" + parent.path() + "' is a list, so " + path
          + " selects nothing; use exists(), all(), map() or an index");
      return Shape.OPEN;
    }
    if (shape instanceof Shape.Scalar scalar) {
      problems.add("'" + parent.path() + "' is a " + scalar.typeName() + ", so it has no field '" + field + "'");
      return Shape.OPEN;
    }
    return Shape.OPEN;
  }

  static String suggestions(String field, Shape.Fields fields) {
    List<String> close = fields.names().stream()
        .filter(name -> isClose(field, name))
        .toList();
    if (!close.isEmpty()) {
      return " (did you mean " + String.join(" or ", close) + "?)";
    }
    if (fields.fields().isEmpty()) {
      return " (none are declared)";
    }
    return " (known: " + fields.names().stream().collect(Collectors.joining(", ")) + ")";
  }

  private static boolean isClose(String typed, String known) {
    if (typed.equalsIgnoreCase(known)) {
      return true;
    }
    int limit = Math.max(1, Math.min(3, known.length() / 4));
    return EditDistance.of(typed.toLowerCase(), known.toLowerCase()) <= limit;
  }
}
