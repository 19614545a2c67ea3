package io.acrauditor.inventory;

import java.util.List;

/**
 * A directory object from Microsoft Graph that holds or held a role. {@code type} is {@code
 * User}, {@code Group} or {@code ServicePrincipal}; {@code servicePrincipalType} is {@code
 * Application} or {@code ManagedIdentity}; {@code appOwnerOrganizationId} is the home tenant of
 * the application. Credentials carry their dates only, never a secret.
 */
public record Principal(
    String id,
    String type,
    String displayName,
    String appId,
    String appOwnerOrganizationId,
    String servicePrincipalType,
    List<CredentialInfo> passwordCredentials,
    List<CredentialInfo> keyCredentials) {

  public record CredentialInfo(String keyId, String displayName, String startDateTime, String endDateTime) {}
}
