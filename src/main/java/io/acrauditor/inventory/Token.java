package io.acrauditor.inventory;

import java.util.List;

/**
 * A repository-scoped registry token (Microsoft.ContainerRegistry/registries/tokens).
 *
 * <p>Passwords carry their dates only. Azure may return a password {@code value} on some calls;
 * the model has no field for it, so a secret cannot travel into a snapshot or a report.
 */
public record Token(
    String id,
    String name,
    String scopeMapId,
    String status,
    String creationDate,
    String provisioningState,
    Credentials credentials) {

  public record Credentials(List<Password> passwords, List<Certificate> certificates) {}

  /** {@code name} is {@code password1} or {@code password2}; {@code expiry} absent means never. */
  public record Password(String name, String creationTime, String expiry) {}

  public record Certificate(String name, String expiry, String thumbprint) {}
}
