package io.acrauditor.findings;

/**
 * A source a finding or rule leans on. {@code kind}: {@code guidance} (Microsoft Learn and the
 * like), {@code mcsb} (a Microsoft cloud security benchmark control, {@code id} like {@code IM-1}),
 * {@code azure-policy} ({@code id} is the policy definition GUID).
 */
public record Reference(String kind, String id, String title, String url) {}
