package io.acrauditor.collect;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerregistry.fluent.models.RegistryInner;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.monitor.MonitorManager;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluent.models.SubscriptionInner;
import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.RoleDefinition;
import io.acrauditor.inventory.ScopeMap;
import io.acrauditor.inventory.Token;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the ARM side of the inventory through azure-resourcemanager's generated clients. The
 * inner (wire) models are used rather than the fluent wrappers because they carry every property
 * the inventory keeps. Only list and get operations are called; the credential-returning ones the
 * same clients offer ({@code listCredentials}, {@code generateCredentials}, cluster credentials)
 * are never used, and {@link Pipelines.ReadOnlyPolicy} would refuse them anyway.
 */
final class ArmInventoryReader {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpPipeline pipeline;
  private final AzureEnvironment environment;
  private final String tenantId;

  ArmInventoryReader(HttpPipeline pipeline, AzureEnvironment environment, String tenantId) {
    this.pipeline = pipeline;
    this.environment = environment;
    this.tenantId = tenantId;
  }

  /** Every subscription the credential can see, following {@code nextLink}. */
  List<Coverage.AuditedSubscription> listSubscriptions() {
    return ResourceManager.authenticate(pipeline, profile(null)).subscriptions().list().stream()
        .map(s -> audited(s.innerModel()))
        .toList();
  }

  Coverage.AuditedSubscription getSubscription(String subscriptionId) {
    return audited(ResourceManager.authenticate(pipeline, profile(subscriptionId)).withSubscription(subscriptionId)
        .subscriptionClient().getSubscriptions().get(subscriptionId));
  }

  private static Coverage.AuditedSubscription audited(SubscriptionInner s) {
    return new Coverage.AuditedSubscription(s.subscriptionId(), s.displayName(), s.tenantId(), ArmMapper.str(s.state()));
  }

  /** ARM's management group API: the tree below a root group, read in one GET. */
  static final String MANAGEMENT_GROUPS_API_VERSION = "2021-04-01";

  /**
   * Each subscription's management group ancestors (nearest first, the root last) by lower-cased
   * subscription id, from the tree below the tenant root group. A subscription the caller cannot
   * see in the tree is absent.
   */
  Map<String, List<String>> managementGroupAncestors(String tenantRootGroup) {
    String url = environment.getResourceManagerEndpoint().replaceAll("/+$", "")
        + "/providers/Microsoft.Management/managementGroups/" + tenantRootGroup
        + "?api-version=" + MANAGEMENT_GROUPS_API_VERSION + "&$expand=children&$recurse=true";
    try (HttpResponse response = pipeline.send(new HttpRequest(HttpMethod.GET, url)).block()) {
      if (response == null) {
        throw new IllegalStateException("no answer from " + url);
      }
      String body = response.getBodyAsString().block();
      if (response.getStatusCode() / 100 != 2) {
        throw new HttpResponseException("GET management group tree answered " + response.getStatusCode()
            + (body == null ? "" : ": " + body), response, body);
      }
      return ManagementGroupTree.ancestors(JSON.readTree(body == null ? "{}" : body));
    }
  }

  Subscription subscription(String subscriptionId) {
    return new Subscription(profile(subscriptionId));
  }

  private AzureProfile profile(String subscriptionId) {
    return new AzureProfile(tenantId, subscriptionId, environment);
  }

  /** The clients of one subscription. */
  final class Subscription {
    private final ContainerRegistryManager registries;
    private final ContainerServiceManager clusters;
    private final AuthorizationManager authorization;
    private final MonitorManager monitor;

    private Subscription(AzureProfile profile) {
      this.registries = ContainerRegistryManager.authenticate(pipeline, profile);
      this.clusters = ContainerServiceManager.authenticate(pipeline, profile);
      this.authorization = AuthorizationManager.authenticate(pipeline, profile);
      this.monitor = MonitorManager.authenticate(pipeline, profile);
    }

    List<RegistryInner> registries() {
      return registries.serviceClient().getRegistries().list().stream().toList();
    }

    List<Token> tokens(RegistryInner registry) {
      return registries.serviceClient().getTokens()
          .list(AzureIds.resourceGroupOf(registry.id()), registry.name()).stream()
          .map(ArmMapper::token)
          .toList();
    }

    List<ScopeMap> scopeMaps(RegistryInner registry) {
      return registries.serviceClient().getScopeMaps()
          .list(AzureIds.resourceGroupOf(registry.id()), registry.name()).stream()
          .map(ArmMapper::scopeMap)
          .toList();
    }

    List<Registry.DiagnosticSetting> diagnosticSettings(String resourceId) {
      return monitor.serviceClient().getDiagnosticSettingsOperations().list(resourceId).stream()
          .map(ArmMapper::diagnosticSetting)
          .toList();
    }

    List<ManagedClusterInner> clusters() {
      return clusters.serviceClient().getManagedClusters().list().stream().toList();
    }

    /**
     * Assignments at the subscription, below it (resource groups, registries) and above it
     * (management groups, root): listing at subscription scope without a filter returns them all,
     * each with its own scope. ARM has no filter by scope type, so those on resources that cannot
     * hold a registry are dropped here, as the Resource Graph query drops them ({@link
     * RegistryScopes}).
     */
    List<RoleAssignment> roleAssignments() {
      return authorization.roleServiceClient().getRoleAssignments().list().stream()
          .map(ArmMapper::roleAssignment)
          .filter(a -> RegistryScopes.mayCoverRegistries(a.scope()))
          .toList();
    }

    /**
     * Assignments at the subscription and above it only ({@code $filter=atScope()}): what a
     * subscription-scoped Resource Graph query cannot return.
     */
    List<RoleAssignment> roleAssignmentsAtAndAbove() {
      return authorization.roleServiceClient().getRoleAssignments().list("atScope()", null, Context.NONE).stream()
          .map(ArmMapper::roleAssignment)
          .filter(a -> RegistryScopes.mayCoverRegistries(a.scope()))
          .toList();
    }

    RoleDefinition roleDefinition(String roleDefinitionId) {
      return ArmMapper.roleDefinition(authorization.roleServiceClient().getRoleDefinitions().getById(roleDefinitionId));
    }
  }
}
