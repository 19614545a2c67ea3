package io.acrauditor.inventory;

import java.util.Locale;

/**
 * Reading Azure resource ids and scopes, in one place for every stage. Azure compares them
 * case-insensitively, so do we.
 */
public final class AzureIds {
  private AzureIds() {}

  /** Lower case without a trailing slash: the form in which ids are compared and looked up. */
  public static String key(String id) {
    return id == null ? null : stripTrailingSlash(id.toLowerCase(Locale.ROOT));
  }

  /** The value after {@code /segment/} in an id, or null. */
  public static String segment(String id, String segment) {
    if (id == null) {
      return null;
    }
    String[] parts = id.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].equalsIgnoreCase(segment)) {
        return parts[i + 1];
      }
    }
    return null;
  }

  /** The subscription id in a resource id or scope, or null. */
  public static String subscriptionOf(String id) {
    return segment(id, "subscriptions");
  }

  /** The resource group name in a resource id or scope, or null. */
  public static String resourceGroupOf(String id) {
    return segment(id, "resourceGroups");
  }

  /** The last path segment: the GUID of a role definition id, the name of a resource. */
  public static String lastSegment(String id) {
    if (id == null) {
      return null;
    }
    String trimmed = stripTrailingSlash(id);
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** True when {@code scope} is {@code id} itself or one of its ancestors. */
  public static boolean covers(String scope, String id) {
    String s = key(scope);
    String r = key(id);
    if (s == null || r == null) {
      return false;
    }
    return s.isEmpty() || r.equals(s) || r.startsWith(s + "/");
  }

  public static boolean isManagementGroupScope(String scope) {
    String s = key(scope);
    return s != null && (s.isEmpty() || s.startsWith("/providers/microsoft.management/managementgroups/"));
  }

  /** The host of an image reference such as {@code vendor.azurecr.io/app:1.2}, or null. */
  public static String imageHost(String image) {
    if (image == null) {
      return null;
    }
    int slash = image.indexOf('/');
    if (slash <= 0) {
      return null;
    }
    String host = image.substring(0, slash);
    // Docker Hub short names ("library/nginx") have no dot or port in the first segment.
    return host.contains(".") || host.contains(":") ? host.toLowerCase(Locale.ROOT) : null;
  }

  private static String stripTrailingSlash(String id) {
    return id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
  }
}
