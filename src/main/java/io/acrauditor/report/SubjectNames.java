package io.acrauditor.report;

import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.index.SubjectRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Subjects named the way a person knows them: a role assignment as "principal - role - scope"
 * (its GUID stays in the detail), a kubelet identity as "kubelet identity of cluster X", a
 * subscription by its display name. Built from the evidence the rules record and the names of the
 * subscriptions read.
 */
final class SubjectNames {
  static final Pattern GUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Map<String, String> subscriptionNames = new HashMap<>();

  SubjectNames(Coverage coverage) {
    for (Coverage.AuditedSubscription s : coverage.subscriptions()) {
      if (s.displayName() != null) {
        subscriptionNames.put(s.subscriptionId().toLowerCase(Locale.ROOT), s.displayName());
      }
    }
  }

  String subscription(String id) {
    if (id == null) {
      return null;
    }
    return subscriptionNames.getOrDefault(id.toLowerCase(Locale.ROOT), id);
  }

  /** The subject's readable name; never a bare GUID. */
  String name(ReportedFinding f) {
    SubjectRef s = f.subject();
    Map<String, Object> evidence = f.evidence() == null ? Map.of() : f.evidence();
    String kind = s.kind() == null ? "" : s.kind();
    String name = switch (kind) {
      case "roleAssignment" -> String.join(" - ",
          principal(evidence), text(evidence.get("role"), "role " + AzureIds.lastSegment(String.valueOf(evidence.get("roleDefinitionId")))),
          scope(text(evidence.get("scope"), null)));
      case "principal" -> kubelet(evidence.get("kubeletOf"), s.name());
      case "coverageGap" -> gap(s);
      default -> s.name();
    };
    if (name == null || name.isBlank()) {
      name = s.resourceId();
    }
    return GUID.matcher(name).matches() ? kind + " " + name : name;
  }

  /** Where the subject lives: subscription by name, then resource group. */
  String scope(SubjectRef s) {
    String sub = subscription(s.subscriptionId());
    if (sub == null) {
      return null;
    }
    return s.resourceGroup() == null ? sub : sub + " / " + s.resourceGroup();
  }

  private String principal(Map<String, Object> evidence) {
    String display = text(evidence.get("principal"), null);
    String kubelet = kubelet(evidence.get("kubeletOf"), null);
    if (kubelet != null) {
      return kubelet;
    }
    if (display != null) {
      return display;
    }
    String id = text(evidence.get("principalId"), "unknown principal");
    return Boolean.FALSE.equals(evidence.get("principalExists")) ? "deleted principal " + id : "principal " + id;
  }

  private static String kubelet(Object clusters, String otherwise) {
    if (clusters instanceof Collection<?> c && !c.isEmpty()) {
      List<String> names = c.stream().map(String::valueOf).toList();
      return "kubelet identity of cluster" + (names.size() == 1 ? " " : "s ") + String.join(", ", names);
    }
    return otherwise;
  }

  /** "registry acr1", "resource group rg-x", "subscription Contoso Production". */
  String scope(String scope) {
    if (scope == null) {
      return "unknown scope";
    }
    String[] parts = scope.split("/");
    if (parts.length <= 3) {
      return "subscription " + subscription(AzureIds.subscriptionOf(scope));
    }
    if (parts.length <= 5) {
      return "resource group " + parts[parts.length - 1];
    }
    String type = parts[parts.length - 2];
    String kind = type.equalsIgnoreCase("registries") ? "registry" : Labels.words(type);
    // "scopeMaps" names a collection; one of them is a "scope map".
    return (kind.endsWith("s") ? kind.substring(0, kind.length() - 1) : kind) + " " + parts[parts.length - 1];
  }

  private String gap(SubjectRef s) {
    String id = s.resourceId();
    if (id != null && id.matches("(?i)/subscriptions/[^/]+/?")) {
      String sub = AzureIds.subscriptionOf(id);
      String name = subscription(sub);
      return "subscription " + (name.equals(sub) ? sub : name + " (" + sub + ")");
    }
    return s.name();
  }

  private static String text(Object value, String otherwise) {
    return value == null || String.valueOf(value).isBlank() ? otherwise : String.valueOf(value);
  }
}
