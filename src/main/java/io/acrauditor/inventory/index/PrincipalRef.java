package io.acrauditor.inventory.index;

import java.util.List;

/**
 * The holder of a role assignment, as far as the inventory knows it.
 *
 * @param exists true when the directory returned it, false when the directory was read and it was
 *     not there (a deleted principal), null when the directory could not be read
 * @param kubeletOf names of clusters whose kubelet identity this is
 * @param servicePrincipalOf names of clusters that run as this service principal
 * @param pullOnly it only needs to pull: a kubelet identity or cluster service principal, or
 *     activity shows pulls and no pushes or deletes
 * @param activity what it was seen doing on any registry; null when no log covered it
 */
public record PrincipalRef(
    String id,
    Boolean exists,
    String type,
    String displayName,
    String servicePrincipalType,
    String appOwnerOrganizationId,
    List<String> kubeletOf,
    List<String> servicePrincipalOf,
    boolean pullOnly,
    Activity activity) {}
