package io.acrauditor.inventory.index;

/**
 * The role of a role assignment. {@code known} is false when neither the snapshot nor the built-in
 * catalogue defines it, and then {@code grants} is {@link Grants#NONE}.
 */
public record RoleFacts(String id, String name, String roleName, String type, boolean known, Grants grants) {}
