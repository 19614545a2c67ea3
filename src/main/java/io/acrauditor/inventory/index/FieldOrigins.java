package io.acrauditor.inventory.index;

import java.util.List;

/**
 * Where a subject's values came from, as every subject shows it to rules.
 *
 * @param defaulted paths of properties Azure left out of a resource it returned, which therefore
 *     hold their service default ({@link io.acrauditor.inventory.ServiceDefaults}); a rule that
 *     must tell "set" from "left at the default" asks {@code 'disableLocalAccounts' in
 *     cluster.defaulted}
 * @param notRead fields whose source could not be read (a coverage gap): a rule that reads one is
 *     not assessed on this subject, neither passed nor failed
 */
public record FieldOrigins(List<String> defaulted, List<String> notRead) {}
