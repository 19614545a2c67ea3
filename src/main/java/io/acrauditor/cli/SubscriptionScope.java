package io.acrauditor.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** Which subscriptions to read from live Azure: some by id, or every one the credential can list. */
public class SubscriptionScope {
  @Option(names = "--subscription", required = true, paramLabel = "ID",
      description = "Collect this subscription from live Azure, read-only (repeatable).")
  List<String> subscriptions = List.of();

  @Option(names = "--all-subscriptions", required = true,
      description = "Collect every subscription the credential can list.")
  boolean all;
}
