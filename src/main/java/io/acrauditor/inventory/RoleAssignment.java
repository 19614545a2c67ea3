package io.acrauditor.inventory;

/**
 * A role assignment (Microsoft.Authorization/roleAssignments), properties flattened. {@code
 * condition} holds an ABAC condition where one is set.
 */
public record RoleAssignment(
    String id,
    String name,
    String scope,
    String principalId,
    String principalType,
    String roleDefinitionId,
    String condition,
    String conditionVersion,
    String description,
    String createdOn) {}
