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

  public record AuditedSubscription(String subscriptionId, String displayName, String tenantId, String state) {}

  public record LogWindow(String start, String end) {}

  /**
   * One thing that could not be read. {@code kind}: {@code subscription}, {@code registry},
   * {@code cluster}, {@code roleAssignments}, {@code graph}, {@code workspace}, {@code table};
   * {@code status} the HTTP status where there was one.
   */
  public record Gap(String scope, String kind, String operation, Integer status, String code, String reason) {}
}
