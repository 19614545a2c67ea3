package io.acrauditor.collect;

import com.azure.resourcemanager.authorization.fluent.models.PermissionInner;
import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import com.azure.resourcemanager.authorization.fluent.models.RoleDefinitionInner;
import com.azure.resourcemanager.containerregistry.fluent.models.PrivateEndpointConnectionInner;
import com.azure.resourcemanager.containerregistry.fluent.models.RegistryInner;
import com.azure.resourcemanager.containerregistry.fluent.models.ScopeMapInner;
import com.azure.resourcemanager.containerregistry.fluent.models.TokenInner;
import com.azure.resourcemanager.containerregistry.models.TokenCertificate;
import com.azure.resourcemanager.containerregistry.models.TokenPassword;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.monitor.fluent.models.DiagnosticSettingsResourceInner;
import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.ManagedCluster;
import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.RoleDefinition;
import io.acrauditor.inventory.ScopeMap;
import io.acrauditor.inventory.Token;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * SDK models to inventory records. Everything the SDK left null stays null: no defaults are
 * invented here. SDK enums print their wire value, so {@code toString()} keeps Azure's spelling.
 */
final class ArmMapper {

  private ArmMapper() {}

  static Registry registry(RegistryInner r, List<Token> tokens, List<ScopeMap> scopeMaps,
      List<Registry.DiagnosticSetting> diagnosticSettings) {
    return new Registry(
        r.id(),
        r.name(),
        AzureIds.subscriptionOf(r.id()),
        AzureIds.resourceGroupOf(r.id()),
        r.location(),
        r.sku() == null ? null : new Registry.Sku(str(r.sku().name()), str(r.sku().tier())),
        r.loginServer(),
        r.adminUserEnabled(),
        str(r.publicNetworkAccess()),
        r.networkRuleSet() == null ? null : new Registry.NetworkRuleSet(
            str(r.networkRuleSet().defaultAction()),
            map(r.networkRuleSet().ipRules(), ip -> new Registry.IpRule(str(ip.action()), ip.ipAddressOrRange()))),
        str(r.networkRuleBypassOptions()),
        r.anonymousPullEnabled(),
        r.dataEndpointEnabled(),
        str(r.roleAssignmentMode()),
        policies(r),
        tokens,
        scopeMaps,
        map(r.privateEndpointConnections(), ArmMapper::privateEndpointConnection),
        diagnosticSettings);
  }

  private static Registry.Policies policies(RegistryInner r) {
    var p = r.policies();
    if (p == null) {
      return null;
    }
    return new Registry.Policies(
        p.quarantinePolicy() == null ? null : new Registry.Status(str(p.quarantinePolicy().status())),
        p.trustPolicy() == null ? null
            : new Registry.TrustPolicy(str(p.trustPolicy().type()), str(p.trustPolicy().status())),
        p.retentionPolicy() == null ? null
            : new Registry.RetentionPolicy(p.retentionPolicy().days(), str(p.retentionPolicy().status())),
        p.exportPolicy() == null ? null : new Registry.Status(str(p.exportPolicy().status())),
        p.azureADAuthenticationAsArmPolicy() == null ? null
            : new Registry.Status(str(p.azureADAuthenticationAsArmPolicy().status())));
  }

  private static Registry.PrivateEndpointConnection privateEndpointConnection(PrivateEndpointConnectionInner c) {
    var state = c.privateLinkServiceConnectionState();
    return new Registry.PrivateEndpointConnection(
        c.id(),
        c.name(),
        c.privateEndpoint() == null ? null : new Registry.PrivateEndpoint(c.privateEndpoint().id()),
        state == null ? null : new Registry.PrivateLinkServiceConnectionState(str(state.status()), state.description()),
        str(c.provisioningState()));
  }

  /** Dates and names only: a password {@code value}, if Azure sent one, is not read. */
  static Token token(TokenInner t) {
    var c = t.credentials();
    Token.Credentials credentials = c == null ? null : new Token.Credentials(
        map(c.passwords(), ArmMapper::password),
        map(c.certificates(), ArmMapper::certificate));
    return new Token(t.id(), t.name(), t.scopeMapId(), str(t.status()), iso(t.creationDate()),
        str(t.provisioningState()), credentials);
  }

  private static Token.Password password(TokenPassword p) {
    return new Token.Password(str(p.name()), iso(p.creationTime()), iso(p.expiry()));
  }

  private static Token.Certificate certificate(TokenCertificate c) {
    return new Token.Certificate(str(c.name()), iso(c.expiry()), c.thumbprint());
  }

  static ScopeMap scopeMap(ScopeMapInner s) {
    return new ScopeMap(s.id(), s.name(), s.typePropertiesType(), s.description(), iso(s.creationDate()),
        s.actions() == null ? null : List.copyOf(s.actions()));
  }

  static Registry.DiagnosticSetting diagnosticSetting(DiagnosticSettingsResourceInner d) {
    return new Registry.DiagnosticSetting(d.id(), d.name(), d.workspaceId(),
        map(d.logs(), l -> new Registry.LogSetting(l.category(), l.categoryGroup(), l.enabled())));
  }

  static ManagedCluster cluster(ManagedClusterInner c) {
    var identity = c.identity();
    Map<String, ManagedCluster.UserAssignedIdentity> identityProfile = null;
    if (c.identityProfile() != null) {
      identityProfile = new LinkedHashMap<>();
      for (var e : c.identityProfile().entrySet()) {
        var v = e.getValue();
        identityProfile.put(e.getKey(), v == null ? null
            : new ManagedCluster.UserAssignedIdentity(v.resourceId(), v.clientId(), v.objectId()));
      }
    }
    var aad = c.aadProfile();
    var oidc = c.oidcIssuerProfile();
    var security = c.securityProfile();
    var apiServer = c.apiServerAccessProfile();
    return new ManagedCluster(
        c.id(),
        c.name(),
        AzureIds.subscriptionOf(c.id()),
        AzureIds.resourceGroupOf(c.id()),
        c.location(),
        c.kubernetesVersion(),
        identity == null ? null
            : new ManagedCluster.Identity(str(identity.type()), identity.principalId(), identity.tenantId()),
        identityProfile,
        // The profile's secret is never copied; the client id says whether it is "msi".
        c.servicePrincipalProfile() == null ? null
            : new ManagedCluster.ServicePrincipalProfile(c.servicePrincipalProfile().clientId()),
        aad == null ? null : new ManagedCluster.AadProfile(aad.managed(), aad.enableAzureRbac(), aad.tenantId()),
        c.enableRbac(),
        c.disableLocalAccounts(),
        oidc == null ? null : new ManagedCluster.OidcIssuerProfile(oidc.enabled(), oidc.issuerUrl()),
        security == null ? null : new ManagedCluster.SecurityProfile(security.workloadIdentity() == null ? null
            : new ManagedCluster.WorkloadIdentity(security.workloadIdentity().enabled())),
        apiServer == null ? null : new ManagedCluster.ApiServerAccessProfile(apiServer.enablePrivateCluster(),
            apiServer.authorizedIpRanges() == null ? null : List.copyOf(apiServer.authorizedIpRanges()),
            apiServer.disableRunCommand()));
  }

  /**
   * The Log Analytics workspace Container Insights sends the cluster's KubeEvents to, if the
   * monitoring add-on is on. Not part of the inventory: it only tells where to look for pull
   * failures.
   */
  static String containerInsightsWorkspace(ManagedClusterInner c) {
    if (c.addonProfiles() == null) {
      return null;
    }
    for (var addon : c.addonProfiles().entrySet()) {
      var profile = addon.getValue();
      if (!"omsagent".equalsIgnoreCase(addon.getKey()) || profile == null || !profile.enabled()
          || profile.config() == null) {
        continue;
      }
      for (var setting : profile.config().entrySet()) {
        if ("logAnalyticsWorkspaceResourceID".equalsIgnoreCase(setting.getKey()) && setting.getValue() != null
            && !setting.getValue().isBlank()) {
          return setting.getValue();
        }
      }
    }
    return null;
  }

  static RoleAssignment roleAssignment(RoleAssignmentInner a) {
    return new RoleAssignment(a.id(), a.name(), a.scope(), a.principalId(), str(a.principalType()),
        a.roleDefinitionId(), a.condition(), a.conditionVersion(), a.description(), iso(a.createdOn()));
  }

  static RoleDefinition roleDefinition(RoleDefinitionInner d) {
    return new RoleDefinition(d.id(), d.name(), d.roleName(), d.roleType(), d.description(),
        map(d.permissions(), ArmMapper::permission),
        d.assignableScopes() == null ? null : List.copyOf(d.assignableScopes()));
  }

  private static RoleDefinition.Permission permission(PermissionInner p) {
    return new RoleDefinition.Permission(copy(p.actions()), copy(p.notActions()), copy(p.dataActions()),
        copy(p.notDataActions()));
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
  }

  static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static List<String> copy(List<String> list) {
    return list == null ? null : List.copyOf(list);
  }

  static <A, B> List<B> map(List<A> list, Function<A, B> f) {
    return list == null ? null : list.stream().map(f).toList();
  }
}
