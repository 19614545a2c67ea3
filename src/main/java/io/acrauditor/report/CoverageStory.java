package io.acrauditor.report;

import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.Coverage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What was read and what was not, told once: the first screen's sentence and the coverage
 * section come from here, so they cannot disagree. A subscription, workspace or registry with a
 * gap of its own (not a gap inside it, such as one log table) was not read and is never listed as audited.
 *
 * @param audited subscriptions that were read
 * @param unread subscriptions that could not be read, named by display name and id
 */
public record CoverageStory(
    String sentence,
    List<Coverage.AuditedSubscription> audited,
    List<Unread> unread,
    List<String> workspacesRead,
    List<Unread> workspacesUnread,
    List<Unread> registriesUnread) {

  /** {@code name} is the display name where known, {@code id} the Azure id, {@code reason} why it could not be read. */
  public record Unread(String name, String id, String reason) {}

  static CoverageStory of(Coverage coverage) {
    Map<String, Coverage.Gap> subscriptionGaps = new LinkedHashMap<>();
    Map<String, Coverage.Gap> workspaceGaps = new LinkedHashMap<>();
    List<Unread> registries = new ArrayList<>();
    for (Coverage.Gap g : coverage.gaps()) {
      String kind = g.kind() == null ? "" : g.kind().toLowerCase(Locale.ROOT);
      String scope = g.scope() == null ? "" : g.scope();
      switch (kind) {
        case "subscription" -> subscriptionGaps.putIfAbsent(subscriptionId(scope), g);
        case "workspace" -> workspaceGaps.putIfAbsent(scope.toLowerCase(Locale.ROOT), g);
        case "registry" -> registries.add(new Unread(AzureIds.lastSegment(scope), scope, reason(g)));
        default -> { }
      }
    }
    List<Coverage.AuditedSubscription> audited = new ArrayList<>();
    List<Unread> unread = new ArrayList<>();
    for (Coverage.AuditedSubscription s : coverage.subscriptions()) {
      Coverage.Gap gap = subscriptionGaps.remove(s.subscriptionId().toLowerCase(Locale.ROOT));
      if (gap == null) {
        audited.add(s);
      } else {
        unread.add(new Unread(s.displayName(), s.subscriptionId(), reason(gap)));
      }
    }
    // A subscription that failed before its name was read is still a subscription not read.
    subscriptionGaps.forEach((id, gap) -> unread.add(new Unread(null, id, reason(gap))));
    List<String> workspacesRead = new ArrayList<>();
    List<Unread> workspacesUnread = new ArrayList<>();
    for (String w : coverage.workspaces()) {
      Coverage.Gap gap = workspaceGaps.remove(w.toLowerCase(Locale.ROOT));
      if (gap == null) {
        workspacesRead.add(w);
      } else {
        workspacesUnread.add(new Unread(AzureIds.lastSegment(w), w, reason(gap)));
      }
    }
    workspaceGaps.forEach((id, gap) -> workspacesUnread.add(new Unread(AzureIds.lastSegment(gap.scope()), gap.scope(), reason(gap))));
    return new CoverageStory(
        sentence(audited.size(), audited.size() + unread.size(), workspacesRead.size(),
            workspacesRead.size() + workspacesUnread.size(), registries.size(), coverage.gaps().size()),
        List.copyOf(audited), List.copyOf(unread), List.copyOf(workspacesRead), List.copyOf(workspacesUnread),
        List.copyOf(registries));
  }

  private static String subscriptionId(String scope) {
    String id = AzureIds.subscriptionOf(scope);
    return (id != null ? id : scope).toLowerCase(Locale.ROOT);
  }

  private static String reason(Coverage.Gap g) {
    String status = g.status() == null ? "" : "HTTP " + g.status();
    String code = g.code() == null ? "" : g.code();
    String head = (status + " " + code).strip();
    return head.isEmpty() ? (g.reason() == null ? "not readable" : g.reason()) : head;
  }

  static String sentence(int subsRead, int subs, int workspacesRead, int workspaces, int registriesUnread, int gaps) {
    StringBuilder s = new StringBuilder();
    s.append(subsRead).append(" of ").append(subs).append(subs == 1 ? " subscription" : " subscriptions");
    s.append(" and ").append(workspacesRead).append(" of ").append(workspaces)
        .append(workspaces == 1 ? " log workspace" : " log workspaces").append(" read");
    if (registriesUnread > 0) {
      s.append("; ").append(registriesUnread).append(registriesUnread == 1 ? " registry" : " registries").append(" could not be read");
    }
    s.append(gaps == 0 ? "; nothing was left unread." : "; what could not be read is listed under Coverage.");
    return s.toString();
  }
}
