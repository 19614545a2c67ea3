package io.acrauditor.inventory.index;

import java.util.List;

/**
 * One thing rules are evaluated against: the inventory record as Azure described it, and the
 * facts the index joined onto it. The rule engine shows both to a condition as one object, with
 * absent properties at their service default.
 *
 * @param notRead fields of the subject whose source could not be read (see {@link FieldOrigins})
 */
public record Subject(SubjectKind kind, SubjectRef ref, Record resource, Record facts, List<String> notRead) {

  public Subject {
    notRead = notRead == null ? List.of() : List.copyOf(notRead);
  }

  /** A subject whose every source was read. */
  public Subject(SubjectKind kind, SubjectRef ref, Record resource, Record facts) {
    this(kind, ref, resource, facts, List.of());
  }
}
