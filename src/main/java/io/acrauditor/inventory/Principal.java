package io.acrauditor.inventory;

import java.util.List;

/**
 * A directory object from Microsoft Graph that holds or held a role. {@code type} is {@code
 * User}, {@code Group} or {@code ServicePrincipal}; {@code servicePrincipalType} is {@code
 * Application} or {@code ManagedIdentity}; {@code appOwnerOrganizationId} is the home tenant of
 * the application. Credentials carry their dates only, never a secret.
 *
 * <p>{@code members}, for a group that holds a registry role, are its transitive members as Graph
 * listed them; null when they were not read (not a group, no registry role, or Graph refused: a
 * coverage gap then says so). An empty list is a group Graph says has no members.
 */
public record Principal(
    String id,
    String type,
    String displayName,
    String appId,
    String appOwnerOrganizationId,
    String servicePrincipalType,
    List<CredentialInfo> passwordCredentials,
    List<CredentialInfo> keyCredentials,
    List<Member> members) {

  public Principal {
    members = members == null ? null : List.copyOf(members);
  }

  /** A principal whose group members were not read. */
  public Principal(String id, String type, String displayName, String appId, String appOwnerOrganizationId,
      String servicePrincipalType, List<CredentialInfo> passwordCredentials, List<CredentialInfo> keyCredentials) {
    this(id, type, displayName, appId, appOwnerOrganizationId, servicePrincipalType, passwordCredentials,
        keyCredentials, null);
  }

  /** The same principal with its group's transitive members. */
  public Principal withMembers(List<Member> transitiveMembers) {
    return new Principal(id, type, displayName, appId, appOwnerOrganizationId, servicePrincipalType,
        passwordCredentials, keyCredentials, transitiveMembers);
  }

  public record CredentialInfo(String keyId, String displayName, String startDateTime, String endDateTime) {}

  /**
   * A direct or nested member of a group: {@code type} as Graph's {@code @odata.type} names it
   * ({@code User}, {@code ServicePrincipal}, {@code Group}, {@code Device} ...).
   */
  public record Member(String id, String type, String displayName, String servicePrincipalType) {}
}
