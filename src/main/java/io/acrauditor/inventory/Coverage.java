package io.acrauditor.inventory;

import java.util.List;

/**
 * What was audited and what could not be read. Every {@link Gap} becomes a finding, so a
 * reviewer sees each blind spot.
 */
public record Coverage(
    List<AuditedSubscription> subscriptions, LogWindow logWindow, List<String> workspaces, List<Gap> gaps) {

  public Coverage {
    subscriptions = Snapshot.listOrEmpty(subscriptions);
    workspaces = Snapshot.listOrEmpty(workspaces);
    gaps = Snapshot.listOrEmpty(gaps);
  }

  public static Coverage empty() {
    return new Coverage(List.of(), null, List.of(), List.of());
  }

  /**
   * @param managementGroupAncestors the names of the management groups above the subscription,
   *     nearest first and the tenant root group last (Resource Graph's {@code
   *     managementGroupAncestorsChain}, or the management group tree through ARM); null when they
   *     could not be read, and then an assignment at a management group only may cover it
   */
  public record AuditedSubscription(
      String subscriptionId, String displayName, String tenantId, String state, List<String> managementGroupAncestors) {

    public AuditedSubscription(String subscriptionId, String displayName, String tenantId, String state) {
      this(subscriptionId, displayName, tenantId, state, null);
    }

    public AuditedSubscription withManagementGroupAncestors(List<String> ancestors) {
      return new AuditedSubscription(subscriptionId, displayName, tenantId, state, ancestors);
    }
  }

  public record LogWindow(String start, String end) {}

  /**
   * One thing that could not be read. {@code kind}: {@code subscription}, {@code registry},
   * {@code cluster}, {@code roleAssignments}, {@code managementGroups}, {@code graph}, {@code
   * workspace}, {@code table};
   * {@code status} the HTTP status where there was one.
   */
  public record Gap(String scope, String kind, String operation, Integer status, String code, String reason) {}
}
