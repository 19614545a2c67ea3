package io.acrauditor.inventory.index;

import io.acrauditor.inventory.ScopeMap;
import java.util.List;

/**
 * Facts joined onto a token subject.
 *
 * @param registry the registry the token belongs to
 * @param scopeMap the scope map it is bound to; null when it could not be found
 * @param grantsWrite the scope map allows content/write or metadata/write
 * @param grantsDelete the scope map allows content/delete
 * @param wildcardRepositories the scope map names repositories with a wildcard
 * @param activityKnown the registry's logs were read, so {@code activity} means something
 * @param activity what the token was seen doing; null when unknown
 * @param unknownActions scope map actions that are none of those ACR documents: what they grant
 *     is unknown, so whether the token can write or delete is not assessed
 */
public record TokenFacts(
    RegistryRef registry,
    ScopeMap scopeMap,
    boolean grantsWrite,
    boolean grantsDelete,
    boolean wildcardRepositories,
    boolean activityKnown,
    Activity activity,
    List<String> unknownActions) {}
