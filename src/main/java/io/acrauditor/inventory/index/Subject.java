package io.acrauditor.inventory.index;

/**
 * One thing rules are evaluated against: the inventory record as Azure described it, and the
 * facts the index joined onto it. The rule engine shows both to a condition as one object.
 */
public record Subject(SubjectKind kind, SubjectRef ref, Record resource, Record facts) {}
