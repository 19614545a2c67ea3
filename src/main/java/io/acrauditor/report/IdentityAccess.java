package io.acrauditor.report;

import io.acrauditor.inventory.index.AccessPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The access matrix turned around: per identity, what it can reach, by which assignment or
 * token, with links to the findings on that path. Built in one pass over the matrix, one
 * registry's paths at a time, keeping at most {@code maxIdentities} identities (first by name)
 * and {@code maxPaths} paths each: a tenant has hundreds of thousands of paths, the page says how
 * many it leaves to {@code findings.json}.
 */
public record IdentityAccess(List<Identity> identities, int shownPaths, int hiddenPaths, boolean truncated) {

  /**
   * {@code status}: {@code deleted} (the directory no longer has it), {@code unknown} (the
   * directory could not be read), else null.
   */
  public record Identity(
      String name, String detail, String identityId, String type, String status, List<Reach> reach, int hidden) {}

  /** One path: {@code findings} are anchors of the findings raised on it. */
  public record Reach(String registryName, String path, String role, String scope, boolean beyondPull,
      List<HtmlModel.Link> findings) {}

  static IdentityAccess of(AccessMatrix matrix, FindingLinks links, SubjectNames names, int maxIdentities, int maxPaths) {
    TreeMap<String, Builder> kept = new TreeMap<>();
    int total = 0;
    for (AccessMatrix.Registry registry : matrix.registries()) {
      for (AccessPath p : matrix.paths(registry)) {
        total++;
        String key = key(p);
        Builder b = kept.get(key);
        if (b == null) {
          if (kept.size() >= maxIdentities && key.compareTo(kept.lastKey()) > 0) {
            continue;
          }
          b = new Builder(p);
          kept.put(key, b);
          if (kept.size() > maxIdentities) {
            kept.pollLastEntry();
          }
        }
        b.add(p, links, names, maxPaths);
      }
    }
    List<Identity> identities = new ArrayList<>();
    int shown = 0;
    for (Builder b : kept.values()) {
      identities.add(b.build());
      shown += b.reach.size();
    }
    int inKept = kept.values().stream().mapToInt(b -> b.count).sum();
    return new IdentityAccess(List.copyOf(identities), shown, total - shown, total > inKept);
  }

  private static String key(AccessPath p) {
    String name = p.identity() == null ? "" : p.identity().toLowerCase(Locale.ROOT);
    String id = p.identityId() == null ? "" : p.identityId().toLowerCase(Locale.ROOT);
    // Tokens and admin users of different registries share names: the id tells them apart.
    return name + "\u0000" + ("Token".equals(p.identityType()) || "AdminUser".equals(p.identityType()) ? p.registryId() : id);
  }

  private static final class Builder {
    private final AccessPath first;
    private final List<Reach> reach = new ArrayList<>();
    private int count;

    Builder(AccessPath first) {
      this.first = first;
    }

    void add(AccessPath p, FindingLinks links, SubjectNames names, int maxPaths) {
      count++;
      if (reach.size() < maxPaths) {
        String scope = p.scope() == null ? null : names.scope(p.scope());
        reach.add(new Reach(p.registryName(), p.path(), p.role(), scope, p.beyondPull(), links.on(p)));
      }
    }

    Identity build() {
      AccessPath p = first;
      String name = p.identity();
      String detail = null;
      if (!p.kubeletOf().isEmpty()) {
        name = "kubelet identity of cluster" + (p.kubeletOf().size() == 1 ? " " : "s ") + String.join(", ", p.kubeletOf());
        detail = p.identity();
      }
      String status = Boolean.FALSE.equals(p.principalExists()) ? "deleted"
          : p.principalExists() == null && ("rbac".equals(p.path()) || "abac-repository".equals(p.path())) ? "unknown" : null;
      return new Identity(name, detail, p.identityId(), p.identityType(), status, List.copyOf(reach), count - reach.size());
    }
  }

  /** Which findings lie on an access path: those about its principal, its token, or the registry setting it uses. */
  static final class FindingLinks {
    private final Map<String, List<HtmlModel.Link>> byKey = new HashMap<>();

    FindingLinks(List<ReportedFinding> findings) {
      for (ReportedFinding f : findings) {
        Map<String, Object> evidence = f.evidence() == null ? Map.of() : f.evidence();
        HtmlModel.Link link = new HtmlModel.Link(f.severity().label(), f.ruleId(), f.ruleId(), "#finding-" + f.fingerprint());
        if (evidence.get("principalId") != null) {
          put("principal:" + evidence.get("principalId"), link);
        }
        String resource = f.subject().resourceId();
        if ("token".equals(f.subject().kind())) {
          put("id:" + resource, link);
        }
        if ("principal".equals(f.subject().kind()) && resource != null) {
          put("principal:" + io.acrauditor.inventory.AzureIds.lastSegment(resource), link);
        }
        if ("registry".equals(f.subject().kind())) {
          if (evidence.containsKey("adminUserEnabled")) {
            put("admin-user:" + resource, link);
          }
          if (evidence.containsKey("anonymousPullEnabled")) {
            put("anonymous:" + resource, link);
          }
        }
      }
    }

    private void put(String key, HtmlModel.Link link) {
      List<HtmlModel.Link> list = byKey.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
      if (list.stream().noneMatch(l -> l.href().equals(link.href()))) {
        list.add(link);
      }
    }

    List<HtmlModel.Link> on(AccessPath p) {
      List<HtmlModel.Link> out = new ArrayList<>();
      String path = p.path() == null ? "" : p.path();
      switch (path) {
        case "admin-user", "anonymous" -> out.addAll(get(path + ":" + p.registryId()));
        case "token" -> out.addAll(get("id:" + p.identityId()));
        default -> {
          out.addAll(get("principal:" + p.identityId()));
        }
      }
      return out;
    }

    private List<HtmlModel.Link> get(String key) {
      return key == null ? List.of() : byKey.getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
    }
  }
}
