package io.acrauditor.inventory.index;

import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.ClusterPullFailure;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.ManagedCluster;
import io.acrauditor.inventory.Principal;
import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.RegistryActivity;
import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.RoleDefinition;
import io.acrauditor.inventory.ScopeMap;
import io.acrauditor.inventory.ServiceDefaults;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotException;
import io.acrauditor.inventory.SnapshotReader;
import io.acrauditor.inventory.Token;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import java.util.HashMap;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The joins of the inventory, done once so that rules stay one-line predicates: which registries
 * a role assignment covers and what it grants there, which cluster an identity pulls for, what
 * each identity was seen doing, and every path by which an identity can pull a registry.
 *
 * <p>Memory grows with the estate's registries, tokens, clusters and principals, not with its
 * role assignments: of those the index keeps a compact {@link ResolvedAssignment}, and reads the
 * records again, one at a time, when their subjects are asked for (from the snapshot file when it
 * was built with {@link #read} or a {@link Builder}). Subjects are built lazily, one at a time,
 * and so is the access matrix, registry by registry.
 */
public final class InventoryIndex {
  private static final String REPOSITORY_EVENTS = "ContainerRegistryRepositoryEvents";
  private static final Set<String> PULL_FAILURE_REASONS = Set.of("failed", "errimagepull", "imagepullbackoff");

  private final Snapshot snapshot;
  /** The role assignments, read again in snapshot order for their subjects, and where from. */
  private final Supplier<Stream<RoleAssignment>> assignmentRecords;
  private final String assignmentSource;
  private final Instant now;
  private final RegistryLookup registries;
  private final ActivityLedger ledger;
  private final Map<String, Principal> principalsById = new HashMap<>();
  private final Map<String, Principal> principalsByAppId = new HashMap<>();
  /** The members of each group whose transitive members were read, by group id. */
  private final Map<String, List<Principal.Member>> groupMembers = new HashMap<>();
  private final boolean directoryRead;
  private final Set<String> readableWorkspaces = new HashSet<>();
  private final Map<String, List<String>> kubeletOf = new HashMap<>();
  private final Map<String, List<String>> servicePrincipalOf = new HashMap<>();
  private final List<ResolvedAssignment> assignments = new ArrayList<>();
  private final Map<String, List<ResolvedAssignment>> assignmentsByPrincipal = new HashMap<>();
  private final Map<String, List<ResolvedAssignment>> assignmentsByRegistry = new HashMap<>();
  /** Assignments at a management group whose tree could not be read, by each registry they may cover. */
  private final Map<String, List<ResolvedAssignment>> mayCoverByRegistry = new HashMap<>();
  private final Map<String, List<ClusterPullFailure>> failuresByCluster = new HashMap<>();
  private final RoleGrants.Cache grantCache = new RoleGrants.Cache();
  private final Set<Registry> activityKnown = Collections.newSetFromMap(new IdentityHashMap<>());

  private InventoryIndex(Snapshot snapshot, List<AssignmentRow> rows, Supplier<Stream<RoleAssignment>> assignmentRecords,
      String assignmentSource) {
    this.snapshot = snapshot;
    this.assignmentRecords = assignmentRecords;
    this.assignmentSource = assignmentSource;
    this.now = snapshot.generatedAt() == null ? Instant.EPOCH : Timestamps.parse(snapshot.generatedAt());
    this.registries = new RegistryLookup(snapshot.registries(),
        snapshot.coverage() == null ? List.of() : snapshot.coverage().subscriptions(), snapshot.tenantId());
    this.ledger = new ActivityLedger(snapshot.registryActivity(), registries.idsByLoginServer());
    for (Principal p : snapshot.principals()) {
      principalsById.put(lower(p.id()), p);
      if (p.appId() != null) {
        principalsByAppId.put(lower(p.appId()), p);
      }
      if (p.members() != null) {
        groupMembers.put(lower(p.id()), p.members().stream()
            .filter(m -> m.id() != null && !"Group".equalsIgnoreCase(m.type())).toList());
      }
    }
    Coverage coverage = snapshot.coverage();
    this.directoryRead = coverage.gaps().stream().noneMatch(g -> "graph".equalsIgnoreCase(g.kind()));
    Set<String> blind = new HashSet<>();
    coverage.gaps().forEach(g -> blind.add(AzureIds.key(g.scope())));
    if (coverage.logWindow() != null) {
      for (String workspace : coverage.workspaces()) {
        if (!blind.contains(AzureIds.key(workspace))) {
          readableWorkspaces.add(AzureIds.key(workspace));
        }
      }
    }
    for (Registry registry : snapshot.registries()) {
      boolean known = nullSafe(registry.diagnosticSettings()).stream()
          .anyMatch(setting -> sends(setting, REPOSITORY_EVENTS)
              && readableWorkspaces.contains(AzureIds.key(setting.workspaceId())));
      if (known) {
        activityKnown.add(registry);
      }
    }
    for (ManagedCluster cluster : snapshot.clusters()) {
      ManagedCluster.UserAssignedIdentity kubelet = cluster.kubeletIdentity();
      if (kubelet != null && kubelet.objectId() != null) {
        kubeletOf.computeIfAbsent(lower(kubelet.objectId()), k -> new ArrayList<>()).add(cluster.name());
      }
      Principal sp = clusterServicePrincipal(cluster);
      if (sp != null) {
        servicePrincipalOf.computeIfAbsent(lower(sp.id()), k -> new ArrayList<>()).add(cluster.name());
      }
    }
    RoleCatalog roles = new RoleCatalog(snapshot.roleDefinitions());
    Map<String, ScopeResolution> scopes = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      resolve(rows.get(i), roles, scopes);
      rows.set(i, null); // the row is garbage as soon as it is resolved
    }
    grantThroughGroups();
    for (ClusterPullFailure failure : snapshot.clusterPullFailures()) {
      failuresByCluster.computeIfAbsent(AzureIds.key(failure.clusterId()), k -> new ArrayList<>()).add(failure);
    }
  }

  /**
   * A member of a group holds what the group's assignments grant, so they count among the
   * member's own (what a kubelet identity can pull, a principal's registry roles). Nested groups
   * need nothing more: Graph's transitive members already list who is inside them.
   */
  private void grantThroughGroups() {
    for (Map.Entry<String, List<Principal.Member>> group : groupMembers.entrySet()) {
      List<ResolvedAssignment> held = assignmentsByPrincipal.getOrDefault(group.getKey(), List.of());
      if (held.isEmpty()) {
        continue;
      }
      for (Principal.Member member : group.getValue()) {
        assignmentsByPrincipal.computeIfAbsent(lower(member.id()), k -> new ArrayList<>()).addAll(held);
      }
    }
  }

  /** An index of a snapshot held in memory, role assignments included. */
  public static InventoryIndex of(Snapshot snapshot) {
    Builder builder = new Builder();
    snapshot.roleAssignments().forEach(builder);
    return new InventoryIndex(snapshot, builder.rows, () -> snapshot.roleAssignments().stream(), "the snapshot");
  }

  /**
   * Reads a snapshot file (checked as {@link SnapshotReader} does) into an index that keeps no
   * role assignment record: they are read from {@code file} again for their subjects.
   */
  public static InventoryIndex read(Path file, String displayName) {
    Builder builder = new Builder();
    Snapshot rest = new SnapshotReader().read(file, displayName, builder);
    return builder.build(rest, file);
  }

  /**
   * Takes the role assignments of a snapshot as {@link SnapshotReader#read(Path, String, Consumer)}
   * hands them over, keeping a compact row of each, then indexes the rest of the snapshot.
   */
  public static final class Builder implements Consumer<RoleAssignment> {
    private final Interner strings = new Interner();
    private final List<AssignmentRow> rows = new ArrayList<>();

    @Override
    public void accept(RoleAssignment a) {
      rows.add(new AssignmentRow(
          strings.of(a.principalId()), strings.of(a.principalType()), strings.of(a.scope()),
          strings.of(a.roleDefinitionId()), a.condition() != null && !a.condition().isBlank()));
    }

    /**
     * @param rest the snapshot the role assignments came from, without them
     * @param file that snapshot's file, from which the assignments are read again in order
     */
    public InventoryIndex build(Snapshot rest, Path file) {
      if (!rest.roleAssignments().isEmpty()) {
        throw new IllegalArgumentException("the role assignments were handed over one by one, not in the snapshot");
      }
      return new InventoryIndex(rest, rows, () -> SnapshotReader.roleAssignments(file), file.toString());
    }
  }

  /** A role assignment as the index first keeps it, before the rest of the snapshot is known. */
  private record AssignmentRow(
      String principalId, String principalType, String scope, String roleDefinitionId, boolean conditioned) {}

  /**
   * The snapshot without what the index re-reads: when the index was built from a file, its role
   * assignments are not in it. Everything else (tenant, coverage, registries ...) is.
   */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** The moment the snapshot describes; every date judgement is made against it. */
  public Instant now() {
    return now;
  }

  /**
   * Every subject, kind by kind in {@link SubjectKind} order, built as it is reached. The stream may
   * hold the snapshot file open: close it.
   */
  public Stream<Subject> subjects() {
    // Not flatMap: an iterator over a flatMap pulls each inner stream whole (every role
    // assignment subject at once), where concat hands one element at a time.
    Stream<Subject> all = Stream.empty();
    for (SubjectKind kind : SubjectKind.values()) {
      all = Stream.concat(all, subjects(kind));
    }
    return all;
  }

  public Stream<Subject> subjects(SubjectKind kind) {
    return switch (kind) {
      case REGISTRY -> snapshot.registries().stream().map(this::registrySubject);
      case TOKEN -> snapshot.registries().stream()
          .flatMap(r -> nullSafe(r.tokens()).stream().map(t -> tokenSubject(r, t)));
      case ROLE_ASSIGNMENT -> assignmentSubjects();
      case CLUSTER -> snapshot.clusters().stream().map(this::clusterSubject);
      case PRINCIPAL -> snapshot.principals().stream().map(this::principalSubject);
      case COVERAGE_GAP -> snapshot.coverage().gaps().stream().map(this::gapSubject);
    };
  }

  /** Who can pull from each registry, by which path; registries in inventory order, computed on demand. */
  public RegistryAccessPaths accessMatrix() {
    List<Registry> registries = snapshot.registries();
    return new RegistryAccessPaths() {
      @Override
      public int registryCount() {
        return registries.size();
      }

      @Override
      public List<AccessPath> paths(int registry) {
        return accessPaths(registries.get(registry));
      }
    };
  }

  // ---- registries

  private Subject registrySubject(Registry registry) {
    boolean known = activityKnown(registry);
    RegistryFacts facts = new RegistryFacts(
        nullSafe(registry.privateEndpointConnections()).stream()
            .anyMatch(c -> c.privateLinkServiceConnectionState() != null
                && "Approved".equalsIgnoreCase(c.privateLinkServiceConnectionState().status())),
        sendsLog(registry, "ContainerRegistryLoginEvents"),
        sendsLog(registry, REPOSITORY_EVENTS),
        known,
        known ? ActivityLedger.sum(ledger.on(registries.key(registry), registry.name())) : null,
        accessPaths(registry));
    return new Subject(SubjectKind.REGISTRY, ref(registry.id(), registry.name(), SubjectKind.REGISTRY), registry, facts,
        registryNotRead(registry, known));
  }

  /**
   * What could not be read of a registry: a collection its own call failed to list (absent in the
   * snapshot, with a coverage gap), the facts drawn from it, and usage when its logs were not read.
   */
  private static List<String> registryNotRead(Registry registry, boolean activityKnown) {
    List<String> notRead = new ArrayList<>();
    if (registry.tokens() == null) {
      notRead.add("tokens");
    }
    if (registry.scopeMaps() == null) {
      notRead.add("scopeMaps");
    }
    if (registry.diagnosticSettings() == null) {
      notRead.addAll(List.of("diagnosticSettings", "logsLoginEvents", "logsRepositoryEvents"));
    }
    if (!activityKnown) {
      notRead.add("adminActivity");
    }
    return notRead;
  }

  /** Some diagnostic setting of the registry sends this log category to a workspace. */
  private static boolean sendsLog(Registry registry, String category) {
    return nullSafe(registry.diagnosticSettings()).stream().anyMatch(setting -> sends(setting, category));
  }

  private static boolean sends(Registry.DiagnosticSetting setting, String category) {
    return setting.workspaceId() != null
        && nullSafe(setting.logs()).stream().anyMatch(log -> Boolean.TRUE.equals(log.enabled())
            && (category.equalsIgnoreCase(log.category())
                || "allLogs".equalsIgnoreCase(log.categoryGroup())
                || "audit".equalsIgnoreCase(log.categoryGroup())));
  }

  /**
   * Usage facts mean something only when the registry's repository events reach a workspace that
   * was queried without error over a known window; otherwise silence in the logs proves nothing.
   * Decided once per registry when the index is built: every token and every assignment covering
   * it asks.
   */
  private boolean activityKnown(Registry registry) {
    return activityKnown.contains(registry);
  }

  private List<AccessPath> accessPaths(Registry registry) {
    List<AccessPath> rows = new ArrayList<>();
    boolean known = activityKnown(registry);
    for (ResolvedAssignment a : assignmentsByRegistry.getOrDefault(registries.key(registry), List.of())) {
      Grants grants = a.grantsOn(registry);
      if (!grants.pull()) {
        continue;
      }
      Principal principal = principalsById.get(lower(a.principalId()));
      rows.add(assignmentPath(registry, a, principal, grants, grants.repositoryScoped() ? "abac-repository" : "rbac",
          known ? lastSeen(ledger.on(registries.key(registry), a.principalId())) : null));
      String group = principal != null && principal.displayName() != null ? principal.displayName() : a.principalId();
      for (Principal.Member member : groupMembers.getOrDefault(lower(a.principalId()), List.of())) {
        rows.add(new AccessPath(
            registry.id(),
            registry.name(),
            member.displayName() != null ? member.displayName() : member.id(),
            member.id(),
            member.type(),
            grants.repositoryScoped() ? "abac-repository" : "rbac",
            a.roleName(),
            a.scope(),
            a.scopeLevel(),
            grants.beyondPull(),
            known ? lastSeen(ledger.on(registries.key(registry), member.id())) : null,
            kubeletOf.getOrDefault(lower(member.id()), List.of()),
            Boolean.TRUE,
            group));
      }
    }
    // Listed apart ("may-cover"), never as access: whether the subscription is under the group is unknown.
    for (ResolvedAssignment a : mayCoverByRegistry.getOrDefault(registries.key(registry), List.of())) {
      Grants grants = a.grantsOn(registry);
      if (!grants.pull()) {
        continue;
      }
      rows.add(assignmentPath(registry, a, principalsById.get(lower(a.principalId())), grants, "may-cover", null));
    }
    for (Token token : nullSafe(registry.tokens())) {
      ScopeMap map = ScopeMapActions.resolve(registry, token);
      if ("enabled".equalsIgnoreCase(ServiceDefaults.effective(Token.class, "status", token.status()))
          && ScopeMapActions.grantsRead(map)) {
        rows.add(new AccessPath(
            registry.id(), registry.name(), token.name(), token.id(), "Token", "token",
            map.name(), token.scopeMapId(), "registry",
            ScopeMapActions.grantsWrite(map) || ScopeMapActions.grantsDelete(map),
            known ? lastSeen(ledger.on(registries.key(registry), token.name())) : null));
      }
    }
    if (ServiceDefaults.effective(Registry.class, "adminUserEnabled", registry.adminUserEnabled())) {
      rows.add(new AccessPath(
          registry.id(), registry.name(), registry.name() + " (admin user)", registry.name(), "AdminUser",
          "admin-user", "admin", registry.id(), "registry", true,
          known ? lastSeen(ledger.on(registries.key(registry), registry.name())) : null));
    }
    if (ServiceDefaults.effective(Registry.class, "anonymousPullEnabled", registry.anonymousPullEnabled())) {
      rows.add(new AccessPath(
          registry.id(), registry.name(), "anyone (anonymous pull)", null, "Anonymous", "anonymous",
          null, registry.id(), "registry", false, null));
    }
    return rows;
  }

  /** The row of a role assignment's holder itself (not a group member's). */
  private AccessPath assignmentPath(Registry registry, ResolvedAssignment a, Principal principal, Grants grants,
      String path, String lastSeen) {
    return new AccessPath(
        registry.id(),
        registry.name(),
        principal != null && principal.displayName() != null ? principal.displayName() : a.principalId(),
        a.principalId(),
        principal != null && principal.type() != null ? principal.type() : a.principalType(),
        path,
        a.roleName(),
        a.scope(),
        a.scopeLevel(),
        grants.beyondPull(),
        lastSeen,
        kubeletOf.getOrDefault(lower(a.principalId()), List.of()),
        principal != null ? Boolean.TRUE : directoryRead ? Boolean.FALSE : null);
  }

  private static String lastSeen(List<RegistryActivity> rows) {
    return ActivityLedger.lastSeen(rows);
  }

  // ---- tokens

  private Subject tokenSubject(Registry registry, Token token) {
    ScopeMap map = ScopeMapActions.resolve(registry, token);
    boolean known = activityKnown(registry);
    TokenFacts facts = new TokenFacts(
        registryRef(registry),
        map,
        ScopeMapActions.grantsWrite(map),
        ScopeMapActions.grantsDelete(map),
        ScopeMapActions.wildcardRepositories(map),
        known,
        known ? ActivityLedger.sum(ledger.on(registries.key(registry), token.name())) : null,
        ScopeMapActions.unknownActions(map));
    String id = token.id() != null ? token.id() : registry.id() + "/tokens/" + token.name();
    List<String> notRead = new ArrayList<>();
    if (registry.scopeMaps() == null || !facts.unknownActions().isEmpty()) {
      // Unlisted, or naming actions whose effect is unknown: what the map grants cannot be judged.
      notRead.addAll(List.of("scopeMap", "grantsWrite", "grantsDelete", "wildcardRepositories"));
    }
    if (!known) {
      notRead.add("activity");
    }
    return new Subject(SubjectKind.TOKEN, ref(id, token.name(), SubjectKind.TOKEN), token, facts, notRead);
  }

  // ---- role assignments

  /** What a scope covers: worked out once per distinct scope, not once per assignment. */
  private record ScopeResolution(List<Registry> covered, List<Registry> mayCover, String level) {}

  private void resolve(AssignmentRow assignment, RoleCatalog roles, Map<String, ScopeResolution> scopes) {
    RoleDefinition role = roles.find(assignment.roleDefinitionId());
    String scope = assignment.scope();
    ScopeResolution where = scope == null
        ? new ScopeResolution(List.of(), List.of(), "unknown")
        : scopes.computeIfAbsent(scope, s -> new ScopeResolution(
            registries.coveredBy(s), registries.mayBeCoveredBy(s), registries.scopeLevel(s)));
    List<Registry> covered = where.covered();
    String level = where.level();
    if ("registry".equals(level) && assignment.conditioned()) {
      level = "repository";
    }
    ResolvedAssignment resolved = new ResolvedAssignment(
        assignment.principalId(), assignment.principalType(), assignment.scope(), assignment.roleDefinitionId(),
        role, level, covered, where.mayCover(),
        grantCache.of(role, RoleGrants.LEGACY_MODE, assignment.conditioned()),
        grantCache.of(role, RoleGrants.ABAC_MODE, assignment.conditioned()));
    assignments.add(resolved);
    assignmentsByPrincipal.computeIfAbsent(lower(assignment.principalId()), k -> new ArrayList<>()).add(resolved);
    for (Registry registry : covered) {
      assignmentsByRegistry.computeIfAbsent(registries.key(registry), k -> new ArrayList<>()).add(resolved);
    }
    for (Registry registry : where.mayCover()) {
      mayCoverByRegistry.computeIfAbsent(registries.key(registry), k -> new ArrayList<>()).add(resolved);
    }
  }

  /**
   * The assignments that cover a registry, each record read again and paired with what the index
   * resolved for it in the same (document) order. A record that does not match its row means the
   * file changed under the audit: that is refused rather than judged.
   */
  private Stream<Subject> assignmentSubjects() {
    Stream<RoleAssignment> records = assignmentRecords.get();
    Iterator<RoleAssignment> source = records.iterator();
    Iterator<Subject> subjects = new Iterator<>() {
      private int position;
      private Subject next;

      @Override
      public boolean hasNext() {
        while (next == null && source.hasNext()) {
          RoleAssignment record = source.next();
          if (position >= assignments.size()) {
            throw changed("it now holds more role assignments than the " + assignments.size() + " indexed");
          }
          ResolvedAssignment resolved = assignments.get(position++);
          if (!Objects.equals(record.principalId(), resolved.principalId()) || !Objects.equals(record.scope(), resolved.scope())) {
            throw changed("role assignment " + (position - 1) + " is not the one indexed");
          }
          if (!resolved.registries().isEmpty() || !resolved.mayCover().isEmpty()) {
            next = assignmentSubject(record, resolved);
          }
        }
        if (next == null && position != assignments.size()) {
          throw changed("it now holds " + position + " role assignments, not the " + assignments.size() + " indexed");
        }
        return next != null;
      }

      @Override
      public Subject next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Subject subject = next;
        next = null;
        return subject;
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(subjects, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(records::close);
  }

  private SnapshotException changed(String what) {
    return new SnapshotException(assignmentSource, null, "changed while it was audited: " + what);
  }

  private Subject assignmentSubject(RoleAssignment ra, ResolvedAssignment a) {
    RoleDefinition role = a.role();
    RoleFacts roleFacts = new RoleFacts(
        ra.roleDefinitionId(),
        role != null ? role.name() : AzureIds.lastSegment(ra.roleDefinitionId()),
        role != null ? role.roleName() : null,
        role != null ? role.type() : null,
        role != null,
        a.grants());
    List<CoveredRegistry> covered = a.registries().stream().map(r -> coveredRegistry(r, a.grantsOn(r))).toList();
    PrincipalRef principal = principalRef(ra, a.registries());
    RoleAssignmentFacts facts = new RoleAssignmentFacts(a.scopeLevel(), roleFacts, principal, covered,
        a.mayCover().stream().map(InventoryIndex::registryRef).toList());
    String name = ra.name() != null ? ra.name() : AzureIds.lastSegment(ra.id());
    // The directory could not be read: whether the holder still exists is unknown.
    List<String> notRead = principal.exists() == null ? List.of("principal.exists") : List.of();
    return new Subject(SubjectKind.ROLE_ASSIGNMENT, ref(ra.id(), name, SubjectKind.ROLE_ASSIGNMENT), ra, facts, notRead);
  }

  private PrincipalRef principalRef(RoleAssignment ra, Iterable<Registry> covered) {
    String id = ra.principalId();
    Principal principal = principalsById.get(lower(id));
    Boolean exists = principal != null ? Boolean.TRUE : directoryRead ? Boolean.FALSE : null;
    Activity activity = activityOn(id, covered);
    List<String> kubelet = kubeletOf.getOrDefault(lower(id), List.of());
    List<String> sp = servicePrincipalOf.getOrDefault(lower(id), List.of());
    boolean pullOnly = !kubelet.isEmpty() || !sp.isEmpty()
        || (activity != null && activity.pulls() > 0 && activity.pushes() == 0 && activity.deletes() == 0);
    return new PrincipalRef(
        id,
        exists,
        principal != null && principal.type() != null ? principal.type() : ra.principalType(),
        principal == null ? null : principal.displayName(),
        principal == null ? null : principal.servicePrincipalType(),
        principal == null ? null : principal.appOwnerOrganizationId(),
        kubelet,
        sp,
        pullOnly,
        activity);
  }

  /** What an identity did on the registries whose logs were read; null when none were. */
  private Activity activityOn(String identity, Iterable<Registry> covered) {
    List<RegistryActivity> rows = new ArrayList<>();
    boolean anyKnown = false;
    for (Registry registry : covered) {
      if (activityKnown(registry)) {
        anyKnown = true;
        rows.addAll(ledger.on(registries.key(registry), identity));
      }
    }
    return anyKnown ? ActivityLedger.sum(rows) : null;
  }

  // ---- clusters

  private Principal clusterServicePrincipal(ManagedCluster cluster) {
    if (!usesServicePrincipal(cluster)) {
      return null;
    }
    return principalsByAppId.get(lower(cluster.servicePrincipalProfile().clientId()));
  }

  private static boolean usesServicePrincipal(ManagedCluster cluster) {
    return cluster.servicePrincipalProfile() != null
        && cluster.servicePrincipalProfile().clientId() != null
        && !"msi".equalsIgnoreCase(cluster.servicePrincipalProfile().clientId());
  }

  private Subject clusterSubject(ManagedCluster cluster) {
    String pullIdentity = null;
    if (cluster.kubeletIdentity() != null) {
      pullIdentity = cluster.kubeletIdentity().objectId();
    } else {
      Principal sp = clusterServicePrincipal(cluster);
      pullIdentity = sp == null ? null : sp.id();
    }
    Map<String, PulledBuilder> pulled = new LinkedHashMap<>();
    if (pullIdentity != null) {
      for (RegistryActivity row : ledger.anywhere(pullIdentity)) {
        Registry registry = row.registryId() != null
            ? registries.byId(row.registryId()) : registries.byLoginServer(row.loginServer());
        if (registry != null && (nz(row.pulls()) > 0 || nz(row.failedLogins()) > 0)) {
          pulled.computeIfAbsent(AzureIds.key(registry.id()), k -> new PulledBuilder(registry)).seenIn.add("activity");
        }
      }
    }
    List<ClusterFacts.PullFailureFact> authFailures = new ArrayList<>();
    for (ClusterPullFailure failure : failuresByCluster.getOrDefault(AzureIds.key(cluster.id()), List.of())) {
      Registry registry = registries.byLoginServer(AzureIds.imageHost(failure.image()));
      if (registry != null) {
        PulledBuilder b = pulled.computeIfAbsent(AzureIds.key(registry.id()), k -> new PulledBuilder(registry));
        if (!b.seenIn.contains("pullFailures")) {
          b.seenIn.add("pullFailures");
        }
      }
      if (isAuthFailure(failure)) {
        authFailures.add(new ClusterFacts.PullFailureFact(
            failure.namespace(), failure.image(), registry == null ? null : registry.name(), failure.reason(),
            failure.messageSample(), nz(failure.count()), failure.lastSeen()));
      }
    }
    String identity = pullIdentity;
    List<ClusterFacts.PulledRegistry> pulledRegistries = pulled.values().stream()
        .map(b -> new ClusterFacts.PulledRegistry(
            b.registry.id(), b.registry.name(), b.registry.loginServer(),
            identity != null && canPull(identity, b.registry), List.copyOf(b.seenIn)))
        .toList();
    ClusterFacts facts = new ClusterFacts(usesServicePrincipal(cluster), pullIdentity, pulledRegistries, authFailures);
    return new Subject(SubjectKind.CLUSTER, ref(cluster.id(), cluster.name(), SubjectKind.CLUSTER), cluster, facts);
  }

  private static final class PulledBuilder {
    final Registry registry;
    final List<String> seenIn = new ArrayList<>();

    PulledBuilder(Registry registry) {
      this.registry = registry;
    }
  }

  private static boolean isAuthFailure(ClusterPullFailure failure) {
    String reason = failure.reason() == null ? "" : failure.reason().toLowerCase(Locale.ROOT);
    String message = failure.messageSample() == null ? "" : failure.messageSample().toLowerCase(Locale.ROOT);
    return PULL_FAILURE_REASONS.contains(reason) && (message.contains("401") || message.contains("unauthorized"));
  }

  private boolean canPull(String principalId, Registry registry) {
    for (ResolvedAssignment a : assignmentsByPrincipal.getOrDefault(lower(principalId), List.of())) {
      if (a.covers(registry) && a.grantsOn(registry).pull()) {
        return true;
      }
    }
    return false;
  }

  // ---- principals

  private Subject principalSubject(Principal principal) {
    List<PrincipalFacts.RegistryRole> roles = new ArrayList<>();
    for (ResolvedAssignment a : assignmentsByPrincipal.getOrDefault(lower(principal.id()), List.of())) {
      for (Registry registry : a.registries()) {
        roles.add(new PrincipalFacts.RegistryRole(
            registry.id(), registry.name(), a.roleName(), a.scope(), a.grantsOn(registry)));
      }
    }
    boolean otherTenant = principal.appOwnerOrganizationId() != null
        && snapshot.tenantId() != null
        && !principal.appOwnerOrganizationId().equalsIgnoreCase(snapshot.tenantId());
    String name = principal.displayName() != null ? principal.displayName() : principal.id();
    return new Subject(
        SubjectKind.PRINCIPAL, ref(principal.id(), name, SubjectKind.PRINCIPAL), principal,
        new PrincipalFacts(roles, otherTenant));
  }

  // ---- coverage

  private Subject gapSubject(Coverage.Gap gap) {
    // Two gaps can share a scope (say, the registry list and the role assignments of one
    // subscription); the operation keeps their fingerprints apart.
    String id = gap.operation() == null ? gap.scope() : gap.scope() + "#" + gap.operation();
    return new Subject(SubjectKind.COVERAGE_GAP, ref(id, gap.scope(), SubjectKind.COVERAGE_GAP), gap, new NoFacts());
  }

  // ---- helpers

  private SubjectRef ref(String id, String name, SubjectKind kind) {
    return new SubjectRef(
        id, name, kind.variable(), AzureIds.segment(id, "subscriptions"),
        AzureIds.segment(id, "resourceGroups"), snapshot.tenantId());
  }

  private static CoveredRegistry coveredRegistry(Registry r, Grants grants) {
    RegistryRef ref = registryRef(r);
    return new CoveredRegistry(ref.id(), ref.name(), ref.loginServer(), ref.sku(), ref.roleAssignmentMode(),
        ref.publicNetworkAccess(), grants);
  }

  private static RegistryRef registryRef(Registry r) {
    return new RegistryRef(
        r.id(), r.name(), r.loginServer(), r.sku() == null ? null : r.sku().name(),
        ServiceDefaults.effective(Registry.class, "roleAssignmentMode", r.roleAssignmentMode()),
        ServiceDefaults.effective(Registry.class, "publicNetworkAccess", r.publicNetworkAccess()));
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static long nz(Long value) {
    return value == null ? 0 : value;
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
