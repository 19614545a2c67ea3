package io.acrauditor.inventory;

import java.util.List;

/**
 * A scope map (Microsoft.ContainerRegistry/registries/scopeMaps). {@code type} is
 * {@code SystemDefined} for {@code _repositories_admin}, {@code _repositories_push},
 * {@code _repositories_pull} and friends; {@code actions} look like
 * {@code repositories/app/content/read}.
 */
public record ScopeMap(
    String id, String name, String type, String description, String creationDate, List<String> actions) {}
