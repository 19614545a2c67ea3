package io.acrauditor.inventory.index;

import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.ManagedCluster;
import io.acrauditor.inventory.Principal;
import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.Token;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The kinds of thing a rule can be about. A rule's condition sees one subject as a CEL variable
 * named after its kind ({@code registry}, {@code token}, ...), holding the resource's own fields
 * (Azure's names, absent when unknown) plus the facts the index joined onto it.
 *
 * <p>{@code shape} lists the record types whose components make up the subject's fields; the rule
 * loader uses it to refuse a condition that names a field no subject of that kind can have.
 */
public enum SubjectKind {
  REGISTRY("registry", List.of(Registry.class, RegistryFacts.class, FieldOrigins.class)),
  TOKEN("token", List.of(Token.class, TokenFacts.class, FieldOrigins.class)),
  ROLE_ASSIGNMENT("roleAssignment", List.of(RoleAssignment.class, RoleAssignmentFacts.class, FieldOrigins.class)),
  CLUSTER("cluster", List.of(ManagedCluster.class, ClusterFacts.class, FieldOrigins.class)),
  PRINCIPAL("principal", List.of(Principal.class, PrincipalFacts.class, FieldOrigins.class)),
  COVERAGE_GAP("coverageGap", List.of(Coverage.Gap.class, FieldOrigins.class));

  private final String variable;
  private final List<Class<? extends Record>> shape;

  SubjectKind(String variable, List<Class<? extends Record>> shape) {
    this.variable = variable;
    this.shape = shape;
  }

  /** The CEL variable name, and the {@code subject:} value in a rule file. */
  public String variable() {
    return variable;
  }

  public List<Class<? extends Record>> shape() {
    return shape;
  }

  /** The inventory record a subject of this kind is: the first of its shape. */
  public Class<? extends Record> resource() {
    return shape.get(0);
  }

  public static SubjectKind fromVariable(String name) {
    for (SubjectKind kind : values()) {
      if (kind.variable.equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown subject kind '" + name + "'; expected one of " + allVariables());
  }

  public static String allVariables() {
    return Arrays.stream(values()).map(SubjectKind::variable).collect(Collectors.joining(", "));
  }
}
