package io.acrauditor.inventory.index;

/**
 * What a role effectively allows on a registry, from its actions and data actions (wildcards and
 * notActions applied) and the registry's role assignment mode.
 *
 * <p>{@code repositoryScoped} is true when the pull is limited to some repositories by an ABAC
 * condition; {@code readCredentials} is the right to list the admin password or token
 * credentials, which is as good as push.
 */
public record Grants(
    boolean pull,
    boolean push,
    boolean delete,
    boolean manage,
    boolean assignRoles,
    boolean readCredentials,
    boolean repositoryScoped) {

  public static final Grants NONE = new Grants(false, false, false, false, false, false, false);

  /** Anything beyond pulling images. */
  public boolean beyondPull() {
    return push || delete || manage || assignRoles || readCredentials;
  }

  public Grants or(Grants other) {
    return new Grants(
        pull || other.pull,
        push || other.push,
        delete || other.delete,
        manage || other.manage,
        assignRoles || other.assignRoles,
        readCredentials || other.readCredentials,
        repositoryScoped && other.repositoryScoped);
  }
}
