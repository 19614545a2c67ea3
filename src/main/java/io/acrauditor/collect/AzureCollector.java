package io.acrauditor.collect;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.monitor.query.models.QueryTimeInterval;
import com.azure.resourcemanager.containerregistry.fluent.models.RegistryInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import io.acrauditor.collect.GraphPrincipalReader.ServicePrincipalKey;
import io.acrauditor.collect.GraphPrincipalReader.ServicePrincipalRead;
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
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotSource;
import io.acrauditor.inventory.Token;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a {@link Snapshot} from live Azure, read-only: Azure Resource Graph (or, with {@link
 * InventorySource#ARM}, ARM list calls per subscription) for registries, clusters, role
 * assignments and definitions; ARM for tokens, scope maps and diagnostic settings; Microsoft Graph
 * for principals; Log Analytics for registry activity and cluster pull failures.
 *
 * <p>A collection has three phases (see {@link #open}): list the subscriptions, read the inventory
 * of each batch of them, then merge the batches and make the reads that need all of them. The
 * single {@link #collect} call and the audit job's partitions run the same phases.
 *
 * <p>Reads run on a pool of {@link CollectOptions#concurrency()} threads. What cannot be read for
 * one scope becomes a {@link Coverage.Gap} and the rest goes on; only an unusable endpoint or
 * credential stops the run, with a {@link CollectionException}.
 */
public final class AzureCollector {
  private static final Logger GRAPH_FALLBACK_LOG = LoggerFactory.getLogger(AzureCollector.class);
  private static final String SP_READ = "read service principal";
  private static final String MEMBERS_READ = "list group members";
  /**
   * Not "graph": a refused member list leaves who is behind one group unknown, not whether the
   * principals exist (which the index reads from the absence of "graph" gaps).
   */
  private static final String MEMBERS_KIND = "groupMembers";
  /** Transitive members read per group: beyond it the group is listed in part, with a gap. */
  static final int MAX_GROUP_MEMBERS = 50_000;
  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final CollectProgress progress;
  private final Clock clock;

  public AzureCollector() {
    this(CollectProgress.NONE, Clock.systemUTC());
  }

  public AzureCollector(CollectProgress progress, Clock clock) {
    this.progress = Objects.requireNonNull(progress);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Collects with {@code DefaultAzureCredential} and the JDK HTTP client; the authority host comes
   * from {@code AZURE_AUTHORITY_HOST} when the options name none.
   */
  public Snapshot collect(CollectOptions options) {
    CollectOptions resolved = AzureCredentials.withAuthorityFromEnvironment(options);
    HttpClient httpClient = AzureCredentials.defaultHttpClient(resolved);
    return collect(resolved, AzureCredentials.defaultCredential(resolved, httpClient), httpClient);
  }

  /**
   * Collects with the given credential and HTTP client (tests pass a client secret credential and
   * a client that trusts the fake's certificate).
   *
   * @throws CollectionException when an endpoint cannot be reached or no token can be had
   */
  public Snapshot collect(CollectOptions options, TokenCredential credential, HttpClient httpClient) {
    try (Session session = open(options, credential, httpClient)) {
      OffsetDateTime now = session.now();
      SubscriptionList subscriptions = session.subscriptions();
      InventoryPart inventory = session.inventory(subscriptions.ids());
      return session.snapshot(now, subscriptions, List.of(inventory));
    }
  }

  /**
   * A collection in phases, for callers that spread the per-subscription inventory over several
   * workers (the audit job's partitions): {@link Session#subscriptions()} once, {@link
   * Session#inventory} for each batch of subscriptions, in any process, then {@link
   * Session#snapshot} once over all the parts, in the order of the subscription list. The single
   * {@link #collect} call is exactly these three phases with one batch.
   */
  public Session open(CollectOptions options, TokenCredential credential, HttpClient httpClient) {
    return new Session(options, credential, httpClient);
  }

  /** The reads of one collection, sharing one pool of {@link CollectOptions#concurrency()} threads. */
  public final class Session implements AutoCloseable {
    private final CollectOptions options;
    private final AzureCloud.Endpoints endpoints;
    private final ExecutorService pool;
    private final ArmInventoryReader arm;
    private final ResourceGraphReader graph;
    private final HttpPipeline graphPipeline;
    private final HttpPipeline logsPipeline;
    private final AtomicInteger subscriptionsDone = new AtomicInteger();
    private final AtomicInteger subscriptionsTotal = new AtomicInteger();
    private final AtomicInteger registriesDone = new AtomicInteger();
    private final AtomicInteger registriesTotal = new AtomicInteger();

    private Session(CollectOptions options, TokenCredential credential, HttpClient httpClient) {
      this.options = options;
      this.endpoints = options.endpoints();
      HttpPipeline armPipeline = Pipelines.arm(credential, httpClient, options, endpoints);
      this.arm = new ArmInventoryReader(armPipeline, endpoints.azureEnvironment(), options.tenantId());
      this.graph = new ResourceGraphReader(armPipeline, endpoints.azureEnvironment(), options.tenantId());
      this.graphPipeline = Pipelines.graph(credential, httpClient, options, endpoints);
      this.logsPipeline = Pipelines.logAnalytics(credential, httpClient, options, endpoints);
      this.pool = Executors.newFixedThreadPool(options.concurrency(), runnable -> {
        Thread thread = new Thread(runnable, "azure-collect");
        thread.setDaemon(true);
        return thread;
      });
    }

    public OffsetDateTime now() {
      return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The subscriptions in scope, in the order the inventory parts must follow. */
    public SubscriptionList subscriptions() {
      Run run = new Run();
      List<Coverage.AuditedSubscription> subscriptions = run.subscriptions();
      subscriptionsTotal.set(subscriptions.size());
      run.report("subscriptions");
      return new SubscriptionList(subscriptions, run.coverage.gaps());
    }

    /** Registries (read in full), clusters and role assignments of some of the subscriptions. */
    public InventoryPart inventory(List<String> subscriptionIds) {
      return new Run().inventory(subscriptionIds);
    }

    /**
     * The snapshot from the parts, with the reads that need every subscription at once: role
     * definitions, principals and logs.
     */
    public Snapshot snapshot(OffsetDateTime now, SubscriptionList subscriptions, List<InventoryPart> parts) {
      return new Run().snapshot(now, subscriptions, parts);
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }

    private final class Run {
      private final CoverageRecorder coverage = new CoverageRecorder(endpoints.authorityHost());
      private final Map<String, ArmInventoryReader.Subscription> readers = new ConcurrentHashMap<>();

      InventoryPart inventory(List<String> ids) {
        Inventory inventory = options.inventorySource() == InventorySource.GRAPH
            ? fromResourceGraph(ids) : fromArm(ids);

        // Per registry: tokens, scope maps, diagnostic settings (ARM either way: Resource Graph has none).
        List<Registry> registries = sorted(parallel(spreadOverSubscriptions(inventory.registries()),
            this::readRegistry), Registry::id);

        report("roles");
        Assignments assignments = inventory.assignments().get();
        List<InventoryPart.Cluster> clusters = inventory.clusters().stream()
            .map(c -> new InventoryPart.Cluster(ArmMapper.cluster(c), ArmMapper.containerInsightsWorkspace(c)))
            .toList();
        return new InventoryPart(registries, clusters, assignments.placed(), assignments.unplaced(), coverage.gaps());
      }

      Snapshot snapshot(OffsetDateTime now, SubscriptionList subscriptionList, List<InventoryPart> parts) {
        List<Coverage.AuditedSubscription> subscriptions = subscriptionList.subscriptions();
        subscriptionList.gaps().forEach(coverage::add);
        List<Registry> allRegistries = new ArrayList<>();
        List<InventoryPart.Cluster> clusterParts = new ArrayList<>();
        List<RoleAssignment> assigned = new ArrayList<>();
        Map<String, List<RoleAssignment>> unplaced = new LinkedHashMap<>();
        for (InventoryPart part : parts) {
          part.gaps().forEach(coverage::add);
          allRegistries.addAll(part.registries());
          clusterParts.addAll(part.clusters());
          assigned.addAll(part.roleAssignments());
          part.unplacedAssignments().forEach(u -> unplaced.computeIfAbsent(u.subscription(), k -> new ArrayList<>())
              .addAll(u.assignments()));
        }
        // Which copy of a duplicate survives must not depend on how the subscriptions were split:
        // those placed in a subscription first, in subscription order, then the rest.
        unplaced.values().forEach(assigned::addAll);
        List<RoleAssignment> roleAssignments = distinctById(assigned, RoleAssignment::id);
        List<Registry> registries = sorted(allRegistries, Registry::id);
        List<RoleDefinition> roleDefinitions = roleDefinitions(roleAssignments);

        // In id order, so that which workspace is named first does not depend on the split either.
        clusterParts = sorted(clusterParts, c -> c.cluster().id());
        List<ManagedCluster> clusters = clusterParts.stream().map(InventoryPart.Cluster::cluster).toList();
        report("principals");
        List<Principal> principals = principals(roleAssignments, clusters);

        report("logs");
        Coverage.LogWindow logWindow = null;
        List<String> workspaces = List.of();
        List<RegistryActivity> activity = List.of();
        List<ClusterPullFailure> pullFailures = List.of();
        if (!options.lookback().isZero()) {
          OffsetDateTime start = now.minus(options.lookback());
          logWindow = new Coverage.LogWindow(ArmMapper.iso(start), ArmMapper.iso(now));
          Map<String, Set<Purpose>> targets = workspaces(registries, clusterParts);
          workspaces = List.copyOf(targets.keySet());
          LogsResult logs = readLogs(targets, new QueryTimeInterval(start, now), registries, clusters);
          activity = logs.activity;
          pullFailures = logs.pullFailures;
        }

        String tenantId = options.tenantId() != null ? options.tenantId()
            : subscriptions.stream().map(Coverage.AuditedSubscription::tenantId).filter(Objects::nonNull)
                .findFirst().orElse(null);
        report("done");
        return new Snapshot(
            Snapshot.CURRENT_SCHEMA_VERSION,
            ArmMapper.iso(now),
            tenantId,
            new SnapshotSource("azure", endpoints.cloudName(), options.inventorySource().wireName(), toolVersion()),
            registries,
            clusters,
            sorted(roleAssignments, RoleAssignment::id),
            roleDefinitions,
            principals,
            activity,
            pullFailures,
            new Coverage(sorted(subscriptions, Coverage.AuditedSubscription::subscriptionId), logWindow, workspaces,
                coverage.gaps()));
      }

      private List<Coverage.AuditedSubscription> subscriptions() {
        List<Coverage.AuditedSubscription> found;
        if (options.allSubscriptions()) {
          found = coverage.attempt("/subscriptions", "subscription", "list subscriptions", armUrl(),
              arm::listSubscriptions).orElse(List.of());
        } else {
          List<String> ids = options.subscriptions().stream().distinct().toList();
          found = parallel(ids, id -> coverage.attempt("/subscriptions/" + id, "subscription", "get subscription",
              armUrl(), () -> arm.getSubscription(id))).stream().flatMap(Optional::stream).toList();
        }
        return withManagementGroupAncestors(found);
      }

      /**
       * Places each subscription in the management group tree, so that an assignment at a
       * management group covers exactly the subscriptions beneath it. Resource Graph gives each
       * subscription's chain; through ARM (or when Resource Graph fails) the tree below each
       * tenant's root group is read in one GET. A tree that cannot be read is a coverage gap, and
       * its subscriptions keep no ancestry (such assignments then only "may cover" them).
       */
      private List<Coverage.AuditedSubscription> withManagementGroupAncestors(List<Coverage.AuditedSubscription> found) {
        if (found.isEmpty()) {
          return found;
        }
        Map<String, List<String>> ancestors = new HashMap<>();
        if (options.inventorySource() == InventorySource.GRAPH) {
          List<String> ids = found.stream().map(Coverage.AuditedSubscription::subscriptionId).toList();
          for (int i = 0; i < ids.size(); i += ResourceGraphReader.MAX_SUBSCRIPTIONS_PER_QUERY) {
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + ResourceGraphReader.MAX_SUBSCRIPTIONS_PER_QUERY));
            graphAttempt(() -> graph.managementGroupAncestors(batch)).ifPresent(ancestors::putAll);
          }
        }
        Set<String> tenants = new TreeSet<>();
        for (Coverage.AuditedSubscription s : found) {
          if (!ancestors.containsKey(lower(s.subscriptionId())) && s.tenantId() != null) {
            tenants.add(s.tenantId());
          }
        }
        for (String tenant : tenants) {
          String root = "/providers/Microsoft.Management/managementGroups/" + tenant;
          coverage.attempt(root, "managementGroups", "get management group tree", armUrl(),
              () -> arm.managementGroupAncestors(tenant)).ifPresent(tree -> tree.forEach(ancestors::putIfAbsent));
        }
        Set<String> treeRead = new TreeSet<>(tenants);
        coverage.gaps().forEach(g -> treeRead.removeIf(t -> g.scope().endsWith("/" + t)));
        for (Coverage.AuditedSubscription s : found) {
          if (!ancestors.containsKey(lower(s.subscriptionId())) && treeRead.contains(s.tenantId())) {
            coverage.add(new Coverage.Gap("/subscriptions/" + s.subscriptionId(), "managementGroups",
                "get management group tree", null, "NotInTree",
                "The subscription is not in the management group tree the auditor may read"));
          }
        }
        return found.stream().map(s -> s.withManagementGroupAncestors(ancestors.get(lower(s.subscriptionId())))).toList();
      }

      /** ARM list calls, subscription by subscription. */
      private Inventory fromArm(List<String> ids) {
        List<SubscriptionResult> perSubscription = parallel(ids, this::readSubscription);
        Assignments assignments = new Assignments(perSubscription.stream()
            .flatMap(s -> s.roleAssignments.stream()).toList(), List.of());
        return new Inventory(
            perSubscription.stream().flatMap(s -> s.registries.stream()).toList(),
            perSubscription.stream().flatMap(s -> s.clusters.stream()).toList(),
            () -> assignments);
      }

      /**
       * Resource Graph, up to 1,000 subscriptions a query. Two things it cannot give are read through
       * ARM so that the snapshot is the one the ARM path gives: assignments inherited from above the
       * subscriptions (one {@code atScope()} list per subscription), and whole subscriptions that
       * Resource Graph does not show, which ARM then reads (or refuses, becoming the same coverage
       * gap). A batch whose registry or cluster query fails is read through ARM as a whole.
       *
       * <p>Registries and clusters are asked for first: the per-registry reads wait for them, and
       * Resource Graph's per-user quota (a few queries a second) is shared by every query. The
       * assignments are the longest chain of pages, so they are then left paging on one worker, and
       * the inherited lists on others, while the per-registry reads go ahead; {@link
       * Inventory#assignments()} waits for both.
       */
      private Inventory fromResourceGraph(List<String> ids) {
        List<RegistryInner> registries = new ArrayList<>();
        List<ManagedClusterInner> clusters = new ArrayList<>();
        List<GraphAssignments> pending = new ArrayList<>();
        Map<String, SubscriptionResult> readThroughArm = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i += ResourceGraphReader.MAX_SUBSCRIPTIONS_PER_QUERY) {
          List<String> batch = ids.subList(i,
              Math.min(ids.size(), i + ResourceGraphReader.MAX_SUBSCRIPTIONS_PER_QUERY));
          List<String> armBatch = batch;
          Optional<Set<String>> visibleSet = graphAttempt(() -> graph.visibleSubscriptions(batch));
          if (visibleSet.isPresent()) {
            List<String> visible = batch.stream().filter(id -> visibleSet.get().contains(lower(id))).toList();
            armBatch = batch.stream().filter(id -> !visibleSet.get().contains(lower(id))).toList();
            if (!visible.isEmpty()) {
              Optional<List<RegistryInner>> r = graphAttempt(() -> graph.registries(visible));
              Optional<List<ManagedClusterInner>> c = r.isPresent() ? graphAttempt(() -> graph.clusters(visible))
                  : Optional.empty();
              if (r.isPresent() && c.isPresent()) {
                registries.addAll(r.get());
                clusters.addAll(c.get());
                registriesTotal.addAndGet(r.get().size());
                subscriptionsDone.addAndGet(visible.size());
                report("subscriptions");
                Future<List<RoleAssignment>> assignments = pool.submit(() -> graph.roleAssignments(visible));
                List<Future<List<RoleAssignment>>> inherited = visible.stream()
                    .map(id -> pool.submit(() -> coverage.attempt("/subscriptions/" + id, "roleAssignments",
                        "list role assignments", armUrl(), () -> reader(id).roleAssignmentsAtAndAbove())
                        .orElse(List.of())))
                    .toList();
                pending.add(new GraphAssignments(visible, inherited, assignments));
              } else {
                armBatch = batch;
              }
            }
          }
          for (SubscriptionResult r : parallel(armBatch, this::readSubscription)) {
            readThroughArm.put(lower(r.subscriptionId), r);
            registries.addAll(r.registries);
            clusters.addAll(r.clusters);
          }
        }
        return new Inventory(registries, clusters, () -> mergeAssignments(ids, pending, readThroughArm));
      }

      /**
       * All assignments, subscription by subscription in the order listed, inherited ones in front,
       * so that a duplicate keeps the copy of the first subscription, as the ARM path does. A batch
       * whose assignment query failed is listed through ARM instead.
       */
      private Assignments mergeAssignments(List<String> ids, List<GraphAssignments> pending,
          Map<String, SubscriptionResult> readThroughArm) {
        Map<String, List<RoleAssignment>> bySubscription = new LinkedHashMap<>();
        for (GraphAssignments batch : pending) {
          Optional<List<RoleAssignment>> rows = graphAttempt(() -> await(batch.assignments));
          for (int k = 0; k < batch.subscriptions.size(); k++) {
            String id = batch.subscriptions.get(k);
            List<RoleAssignment> list = bySubscription.computeIfAbsent(lower(id), x -> new ArrayList<>());
            list.addAll(await(batch.inherited.get(k)));
            if (rows.isEmpty()) {
              list.addAll(coverage.attempt("/subscriptions/" + id, "roleAssignments", "list role assignments",
                  armUrl(), () -> reader(id).roleAssignments()).orElse(List.of()));
            }
          }
          rows.ifPresent(list -> list.forEach(a -> bySubscription
              .computeIfAbsent(lower(AzureIds.subscriptionOf(a.scope())), x -> new ArrayList<>()).add(a)));
        }
        List<RoleAssignment> all = new ArrayList<>();
        for (String id : ids) {
          SubscriptionResult arm = readThroughArm.get(lower(id));
          all.addAll(arm != null ? arm.roleAssignments : bySubscription.getOrDefault(lower(id), List.of()));
          bySubscription.remove(lower(id));
        }
        List<InventoryPart.Unplaced> unplaced = new ArrayList<>();
        bySubscription.forEach((subscription, list) -> unplaced.add(new InventoryPart.Unplaced(subscription, list)));
        return new Assignments(all, unplaced);
      }

      /**
       * A Resource Graph read; empty when it failed in a way ARM may not (throttled past the retries,
       * a query the service refused), so the caller reads the same through ARM instead. An
       * unreachable endpoint or a missing token is fatal as anywhere else.
       */
      private <T> Optional<T> graphAttempt(java.util.function.Supplier<T> read) {
        try {
          return Optional.of(read.get());
        } catch (CollectionException e) {
          throw e;
        } catch (RuntimeException e) {
          CollectionException fatal = CoverageRecorder.fatal(armUrl(), endpoints.authorityHost(), e);
          if (fatal != null) {
            throw fatal;
          }
          // Nothing is lost (ARM serves the same), but an operator should know why a run took longer.
          GRAPH_FALLBACK_LOG.warn("Resource Graph query failed ({}); reading the same through ARM instead",
              e.getClass().getSimpleName());
          return Optional.empty();
        }
      }

      private <T> T await(Future<T> future) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CollectionException("Collection was interrupted", null, e);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new IllegalStateException(e.getCause());
        }
      }

      private ArmInventoryReader.Subscription reader(String subscriptionId) {
        return readers.computeIfAbsent(lower(subscriptionId), k -> arm.subscription(subscriptionId));
      }

      private SubscriptionResult readSubscription(String id) {
        String scope = "/subscriptions/" + id;
        ArmInventoryReader.Subscription reader = reader(id);
        List<RegistryInner> registries = coverage.attempt(scope, "subscription", "list registries", armUrl(),
            reader::registries).orElse(List.of());
        registriesTotal.addAndGet(registries.size());
        List<ManagedClusterInner> clusters = coverage.attempt(scope, "cluster", "list managed clusters", armUrl(),
            reader::clusters).orElse(List.of());
        List<RoleAssignment> assignments = coverage.attempt(scope, "roleAssignments", "list role assignments",
            armUrl(), reader::roleAssignments).orElse(List.of());
        subscriptionsDone.incrementAndGet();
        report("subscriptions");
        return new SubscriptionResult(id, registries, clusters, assignments);
      }

      private Registry readRegistry(RegistryInner r) {
        ArmInventoryReader.Subscription reader = reader(AzureIds.subscriptionOf(r.id()));
        List<Token> tokens = coverage.attempt(r.id(), "registry", "list tokens", armUrl(),
            () -> reader.tokens(r)).map(list -> sorted(list, Token::name)).orElse(null);
        List<ScopeMap> scopeMaps = coverage.attempt(r.id(), "registry", "list scope maps", armUrl(),
            () -> reader.scopeMaps(r)).map(list -> sorted(list, ScopeMap::name)).orElse(null);
        List<Registry.DiagnosticSetting> diagnostics = coverage.attempt(r.id(), "registry",
            "list diagnostic settings", armUrl(), () -> reader.diagnosticSettings(r.id()))
            .map(list -> sorted(list, Registry.DiagnosticSetting::name)).orElse(null);
        registriesDone.incrementAndGet();
        report("registries");
        return ArmMapper.registry(r, tokens, scopeMaps, diagnostics);
      }

      /**
       * One definition per role GUID. The {@code id} is the one ARM answers for the definition
       * read under a subscription that references it; of several, the first in id order, so the
       * choice does not depend on the order Azure lists things in. Assignments in other
       * subscriptions reference the same GUID under their own subscription, so join on {@code name}.
       * Through Resource Graph the definitions come in one tenant-scoped query; any it does not
       * return is read through ARM.
       */
      private List<RoleDefinition> roleDefinitions(List<RoleAssignment> assignments) {
        Map<String, String> referenceByGuid = new TreeMap<>();
        for (RoleAssignment a : assignments) {
          String guid = lower(AzureIds.lastSegment(a.roleDefinitionId()));
          if (guid != null) {
            referenceByGuid.merge(guid, a.roleDefinitionId(),
                (x, y) -> String.CASE_INSENSITIVE_ORDER.compare(x, y) <= 0 ? x : y);
          }
        }
        Map<String, RoleDefinition> fromGraph = Map.of();
        if (options.inventorySource() == InventorySource.GRAPH && !referenceByGuid.isEmpty()) {
          fromGraph = graphAttempt(() -> graph.roleDefinitions(referenceByGuid.keySet())).orElse(Map.of());
        }
        List<RoleDefinition> found = new ArrayList<>();
        List<String> viaArm = new ArrayList<>();
        for (var e : referenceByGuid.entrySet()) {
          RoleDefinition d = fromGraph.get(e.getKey());
          if (d != null) {
            found.add(new RoleDefinition(e.getValue(), d.name(), d.roleName(), d.type(), d.description(),
                d.permissions(), d.assignableScopes()));
          } else {
            viaArm.add(e.getValue());
          }
        }
        parallel(viaArm, ref -> coverage.attempt(ref, "roleDefinition", "get role definition", armUrl(),
            () -> definitionReader(ref).roleDefinition(ref))).forEach(d -> d.ifPresent(found::add));
        return sorted(found, RoleDefinition::name);
      }

      private ArmInventoryReader.Subscription definitionReader(String roleDefinitionId) {
        String subscription = AzureIds.subscriptionOf(roleDefinitionId);
        return subscription != null ? reader(subscription) : readers.computeIfAbsent("", k -> arm.subscription(null));
      }

      private List<Principal> principals(List<RoleAssignment> assignments, List<ManagedCluster> clusters) {
        Set<String> servicePrincipals = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (RoleAssignment a : assignments) {
          if (a.principalId() == null) {
            continue;
          }
          if ("ServicePrincipal".equalsIgnoreCase(a.principalType())) {
            servicePrincipals.add(a.principalId());
          } else {
            others.add(a.principalId());
          }
        }
        Set<String> clusterApps = new LinkedHashSet<>();
        for (ManagedCluster c : clusters) {
          if (c.identity() != null && c.identity().principalId() != null) {
            servicePrincipals.add(c.identity().principalId());
          }
          if (c.kubeletIdentity() != null && c.kubeletIdentity().objectId() != null) {
            servicePrincipals.add(c.kubeletIdentity().objectId());
          }
          // A cluster that runs as a service principal names it by app id. It is read by that id
          // so that finding it does not depend on it holding some role assignment in scope.
          String clientId = c.servicePrincipalProfile() == null ? null : c.servicePrincipalProfile().clientId();
          if (clientId != null && GUID.matcher(clientId).matches()) {
            clusterApps.add(lower(clientId));
          }
        }
        others.removeAll(servicePrincipals);
        GraphPrincipalReader graph = new GraphPrincipalReader(graphPipeline, endpoints.microsoftGraph(),
            options.maxRetries(), options.retryDelay());
        List<ServicePrincipalKey> keys = new ArrayList<>();
        servicePrincipals.forEach(id -> keys.add(ServicePrincipalKey.byObjectId(id)));
        clusterApps.forEach(appId -> keys.add(ServicePrincipalKey.byAppId(appId)));
        List<Principal> principals = new ArrayList<>(servicePrincipals(graph, keys));
        if (!others.isEmpty()) {
          coverage.attempt(endpoints.microsoftGraph() + "v1.0/directoryObjects/getByIds", "graph",
              "resolve users and groups", endpoints.microsoftGraph(),
              () -> graph.usersAndGroups(List.copyOf(others))).ifPresent(principals::addAll);
        }
        return withGroupMembers(graph, sorted(distinctById(principals, Principal::id), Principal::id));
      }

      /**
       * Each group among {@code principals} (they all hold a role whose scope can cover a
       * registry: see {@link RegistryScopes}) with its transitive members, twenty groups to a
       * Graph batch. A refused read (403 without GroupMember.Read.All) or a group with more than
       * {@link #MAX_GROUP_MEMBERS} members is a coverage gap on that group; who is behind it is
       * then unknown (or known in part), never guessed.
       */
      private List<Principal> withGroupMembers(GraphPrincipalReader graph, List<Principal> principals) {
        List<String> groups = principals.stream().filter(p -> "Group".equalsIgnoreCase(p.type()))
            .map(Principal::id).toList();
        if (groups.isEmpty()) {
          return principals;
        }
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < groups.size(); i += GraphBatch.MAX_REQUESTS) {
          batches.add(groups.subList(i, Math.min(groups.size(), i + GraphBatch.MAX_REQUESTS)));
        }
        Map<String, List<Principal.Member>> members = new HashMap<>();
        parallel(batches, batch -> coverage.attemptEach(
            batch.stream().map(this::membersScope).toList(), MEMBERS_KIND, MEMBERS_READ, endpoints.microsoftGraph(),
            () -> graph.transitiveMembers(batch, MAX_GROUP_MEMBERS))).forEach(r -> r.ifPresent(reads -> {
              for (GraphPrincipalReader.GroupMembersRead read : reads) {
                if (read.failure() != null) {
                  coverage.add(CoverageRecorder.gap(membersScope(read.groupId()), MEMBERS_KIND, MEMBERS_READ,
                      read.failure()));
                  continue;
                }
                if (read.truncated()) {
                  coverage.add(new Coverage.Gap(membersScope(read.groupId()), MEMBERS_KIND, MEMBERS_READ,
                      null, "Truncated", "the group has more than " + MAX_GROUP_MEMBERS
                          + " transitive members; only the first are listed"));
                }
                if (read.members() != null) {
                  synchronized (members) {
                    members.put(lower(read.groupId()), read.members());
                  }
                }
              }
            }));
        return principals.stream().map(p -> {
          List<Principal.Member> of = members.get(lower(p.id()));
          return of == null ? p : p.withMembers(sorted(of, Principal.Member::id));
        }).toList();
      }

      private String membersScope(String groupId) {
        return endpoints.microsoftGraph() + "v1.0/groups/" + groupId + "/transitiveMembers";
      }

      /**
       * Service principals, twenty to a Graph batch. The first batch tells whether Graph lets us
       * in at all: when it fails, or every read in it is refused, one gap covers them all and no
       * more is asked. After that, a refused read is a gap for that principal, and a failed batch
       * one for each principal in it. A principal Graph does not know (404) is simply not there.
       */
      private List<Principal> servicePrincipals(GraphPrincipalReader graph, List<ServicePrincipalKey> keys) {
        if (keys.isEmpty()) {
          return List.of();
        }
        List<List<ServicePrincipalKey>> batches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += GraphBatch.MAX_REQUESTS) {
          batches.add(keys.subList(i, Math.min(keys.size(), i + GraphBatch.MAX_REQUESTS)));
        }
        String scope = keys.size() > 1 ? endpoints.microsoftGraph() + "v1.0/servicePrincipals"
            : graphScope(keys.get(0));
        String operation = keys.size() > 1 ? "read service principals (" + keys.size() + ")" : SP_READ;
        Optional<List<ServicePrincipalRead>> first = coverage.attempt(scope, "graph", operation,
            endpoints.microsoftGraph(), () -> unlessAllRefused(graph.servicePrincipals(batches.get(0))));
        if (first.isEmpty()) {
          return List.of();
        }
        List<ServicePrincipalRead> reads = new ArrayList<>(first.get());
        parallel(batches.subList(1, batches.size()), batch -> coverage.attemptEach(
            batch.stream().map(this::graphScope).toList(), "graph", SP_READ, endpoints.microsoftGraph(),
            () -> graph.servicePrincipals(batch))).forEach(r -> r.ifPresent(reads::addAll));
        List<Principal> found = new ArrayList<>();
        for (ServicePrincipalRead read : reads) {
          if (read.failure() != null) {
            coverage.add(CoverageRecorder.gap(graphScope(read.key()), "graph", SP_READ, read.failure()));
          } else if (read.principal() != null) {
            found.add(read.principal());
          }
        }
        return found;
      }

      private String graphScope(ServicePrincipalKey key) {
        return endpoints.microsoftGraph() + "v1.0" + key.path();
      }

      private Map<String, Set<Purpose>> workspaces(List<Registry> registries, List<InventoryPart.Cluster> clusters) {
        Map<String, Set<Purpose>> targets = new LinkedHashMap<>();
        if (!options.workspaces().isEmpty()) {
          options.workspaces().forEach(w -> targets.put(w, Set.of(Purpose.REGISTRY, Purpose.CLUSTER)));
          return targets;
        }
        Map<String, String> canonical = new LinkedHashMap<>();
        for (Registry r : registries) {
          for (Registry.DiagnosticSetting d : Optional.ofNullable(r.diagnosticSettings()).orElse(List.of())) {
            if (d.workspaceId() != null) {
              String key = canonical.computeIfAbsent(lower(d.workspaceId()), k -> d.workspaceId());
              targets.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(Purpose.REGISTRY);
            }
          }
        }
        for (InventoryPart.Cluster c : clusters) {
          String workspace = c.containerInsightsWorkspace();
          if (workspace != null) {
            String key = canonical.computeIfAbsent(lower(workspace), k -> workspace);
            targets.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(Purpose.CLUSTER);
          }
        }
        return targets;
      }

      private LogsResult readLogs(Map<String, Set<Purpose>> targets, QueryTimeInterval window,
          List<Registry> registries, List<ManagedCluster> clusters) {
        LogUsageReader logs = new LogUsageReader(logsPipeline, endpoints.logAnalytics(), options.requestTimeout());
        List<LogsResult> results = parallel(List.copyOf(targets.entrySet()), target -> {
          String workspace = target.getKey();
          List<RegistryActivity> activity = List.of();
          List<ClusterPullFailure> failures = List.of();
          if (target.getValue().contains(Purpose.REGISTRY)) {
            activity = coverage.attempt(workspace, "workspace", "query registry events", endpoints.logAnalytics(),
                () -> logs.registryActivity(workspace, window, coverage)).orElse(List.of());
          }
          if (target.getValue().contains(Purpose.CLUSTER)) {
            failures = coverage.attempt(workspace, "workspace", "query KubeEvents", endpoints.logAnalytics(),
                () -> logs.clusterPullFailures(workspace, window, coverage)).orElse(List.of());
          }
          return new LogsResult(activity, failures);
        });
        Map<String, String> registryIds = new LinkedHashMap<>();
        for (Registry r : registries) {
          registryIds.put(lower(r.id()), r.id());
          if (r.loginServer() != null) {
            registryIds.putIfAbsent(lower(r.loginServer()), r.id());
          }
        }
        Map<String, String> clusterIds = new LinkedHashMap<>();
        clusters.forEach(c -> clusterIds.put(lower(c.id()), c.id()));

        // A registry that sends to two workspaces shows up twice; keep the busier row.
        Map<String, RegistryActivity> activity = new LinkedHashMap<>();
        for (LogsResult result : results) {
          for (RegistryActivity a : result.activity) {
            String id = registryIds.getOrDefault(lower(a.registryId()),
                registryIds.getOrDefault(lower(a.loginServer()), a.registryId()));
            RegistryActivity canonical = new RegistryActivity(id, a.loginServer(), a.identity(), a.pulls(), a.pushes(),
                a.deletes(), a.failedLogins(), a.distinctCallerIps(), a.callerIpAddresses(), a.userAgents(),
                a.repositories(), a.firstSeen(), a.lastSeen());
            activity.merge(lower(id) + "|" + a.identity(), canonical, (x, y) -> events(x) >= events(y) ? x : y);
          }
        }
        Map<String, ClusterPullFailure> failures = new LinkedHashMap<>();
        for (LogsResult result : results) {
          for (ClusterPullFailure f : result.pullFailures) {
            String id = clusterIds.getOrDefault(lower(f.clusterId()), f.clusterId());
            ClusterPullFailure canonical = new ClusterPullFailure(id, f.namespace(), f.image(), f.reason(),
                f.messageSample(), f.count(), f.lastSeen());
            failures.putIfAbsent(String.join("|", lower(id), f.namespace() + "", f.image() + "", f.reason() + ""),
                canonical);
          }
        }
        Comparator<RegistryActivity> byActivity = Comparator.comparing(RegistryActivity::registryId,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(RegistryActivity::identity,
            Comparator.nullsFirst(Comparator.naturalOrder()));
        Comparator<ClusterPullFailure> byFailure = Comparator.comparing(ClusterPullFailure::clusterId,
                Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ClusterPullFailure::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ClusterPullFailure::image, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ClusterPullFailure::reason, Comparator.nullsFirst(Comparator.naturalOrder()));
        return new LogsResult(activity.values().stream().sorted(byActivity).toList(),
            failures.values().stream().sorted(byFailure).toList());
      }

      private <I, O> List<O> parallel(List<I> inputs, Function<I, O> task) {
        List<Future<O>> futures = inputs.stream().map(i -> pool.submit(() -> task.apply(i))).toList();
        List<O> outputs = new ArrayList<>(inputs.size());
        try {
          for (Future<O> future : futures) {
            outputs.add(future.get());
          }
          return outputs;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CollectionException("Collection was interrupted", null, e);
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(e.getCause());
        }
      }

      private void report(String phase) {
        progress.update(new CollectProgress.Progress(phase, subscriptionsDone.get(), subscriptionsTotal.get(),
            registriesDone.get(), registriesTotal.get()));
      }

      private String armUrl() {
        return endpoints.resourceManager();
      }
    }

  }

  private enum Purpose { REGISTRY, CLUSTER }

  private record SubscriptionResult(String subscriptionId, List<RegistryInner> registries,
      List<ManagedClusterInner> clusters, List<RoleAssignment> roleAssignments) {}

  /**
   * What the inventory source gave: registries still to be read further, clusters, and the
   * distinct assignments, which may still be arriving.
   */
  private record Inventory(List<RegistryInner> registries, List<ManagedClusterInner> clusters,
      java.util.function.Supplier<Assignments> assignments) {}

  /**
   * Assignments not yet made distinct: those placed in a subscription, subscription by
   * subscription, inherited ones in front; and those Resource Graph gave under no subscription of
   * the batch, by what their scope names.
   */
  private record Assignments(List<RoleAssignment> placed, List<InventoryPart.Unplaced> unplaced) {}

  /** A batch's assignments, still being read: paging in Resource Graph, and inherited ones through ARM. */
  private record GraphAssignments(List<String> subscriptions, List<Future<List<RoleAssignment>>> inherited,
      Future<List<RoleAssignment>> assignments) {}

  private record LogsResult(List<RegistryActivity> activity, List<ClusterPullFailure> pullFailures) {}

  /** The reads of a batch, or its first failure when Graph refused every one of them. */
  private static List<ServicePrincipalRead> unlessAllRefused(List<ServicePrincipalRead> reads) {
    if (!reads.isEmpty() && reads.stream().allMatch(r -> r.failure() != null)) {
      throw reads.get(0).failure();
    }
    return reads;
  }

  /**
   * The registries in an order that spreads each subscription's evenly over the whole list. ARM's
   * read budget is per subscription (a bucket of 250 refilled at 25 a second): reading the busiest
   * subscription's registries back to back would spend it in a burst and earn 429s, each a
   * request and a wait, while the other subscriptions' budgets sit unused.
   */
  private static List<RegistryInner> spreadOverSubscriptions(List<RegistryInner> registries) {
    Map<String, List<Integer>> bySubscription = new LinkedHashMap<>();
    for (int i = 0; i < registries.size(); i++) {
      bySubscription.computeIfAbsent(lower(AzureIds.subscriptionOf(registries.get(i).id())), k -> new ArrayList<>())
          .add(i);
    }
    double[] position = new double[registries.size()];
    for (List<Integer> indexes : bySubscription.values()) {
      for (int k = 0; k < indexes.size(); k++) {
        position[indexes.get(k)] = (k + 0.5) / indexes.size();
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < registries.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> position[i]).thenComparingInt(i -> i));
    return order.stream().map(registries::get).toList();
  }

  private static long events(RegistryActivity a) {
    return (a.pulls() == null ? 0 : a.pulls()) + (a.pushes() == null ? 0 : a.pushes())
        + (a.deletes() == null ? 0 : a.deletes()) + (a.failedLogins() == null ? 0 : a.failedLogins());
  }

  private static <T> List<T> distinctById(List<T> items, Function<T, String> id) {
    Map<String, T> byId = new LinkedHashMap<>();
    for (T item : items) {
      byId.putIfAbsent(lower(id.apply(item)), item);
    }
    return List.copyOf(byId.values());
  }

  private static <T> List<T> sorted(List<T> items, Function<T, String> key) {
    List<T> copy = new ArrayList<>(items);
    copy.sort(Comparator.comparing(key, Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER)));
    return copy;
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  static String toolVersion() {
    String version = AzureCollector.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
