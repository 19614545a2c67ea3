package io.acrauditor.inventory.index;

/** Facts of a subject kind that has none beyond its own record. */
public record NoFacts() {}
