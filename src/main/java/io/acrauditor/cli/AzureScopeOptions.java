package io.acrauditor.cli;

import io.acrauditor.collect.CollectOptions;
import io.acrauditor.collect.InventorySource;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How to reach Azure and what to read, shared by {@code collect} and {@code audit}. Credentials
 * are never options: DefaultAzureCredential reads the standard AZURE_* environment variables,
 * workload identity, managed identity or the Azure CLI login.
 */
public class AzureScopeOptions {
  @Option(names = "--tenant", paramLabel = "ID", defaultValue = "${env:AZURE_TENANT_ID}",
      description = "Entra tenant to authenticate in (default: env AZURE_TENANT_ID, else the credential's home tenant).")
  String tenant;

  @Option(names = "--workspace", paramLabel = "ID",
      description = "Log Analytics workspace to read usage from (repeatable; resource id or workspace GUID). "
          + "Default: the workspaces the registries' diagnostic settings send to.")
  List<String> workspaces = List.of();

  @Option(names = "--lookback", paramLabel = "DURATION", defaultValue = "30d", converter = LookbackConverter.class,
      description = "How far back to read the logs: 30d, 12h or ISO-8601 (P30D); 0d skips the logs (default: ${DEFAULT-VALUE}).")
  Duration lookback;

  @Option(names = "--cloud", paramLabel = "NAME", defaultValue = "AzureCloud",
      description = "AzureCloud, AzureChinaCloud or AzureUSGovernment (default: ${DEFAULT-VALUE}).")
  String cloud;

  @Option(names = "--arm-endpoint", paramLabel = "URL", description = "Custom Resource Manager endpoint (Azure Stack, testing).")
  URI armEndpoint;

  @Option(names = "--graph-endpoint", paramLabel = "URL", description = "Custom Microsoft Graph endpoint.")
  URI graphEndpoint;

  @Option(names = "--log-analytics-endpoint", paramLabel = "URL", description = "Custom Log Analytics endpoint.")
  URI logAnalyticsEndpoint;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + CollectOptions.DEFAULT_CONCURRENCY,
      description = "Azure reads in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--inventory-source", paramLabel = "graph|arm", defaultValue = "graph",
      converter = InventorySourceConverter.class,
      description = "Read registries, clusters and role assignments through Azure Resource Graph (batched, few "
          + "requests) or ARM list calls per subscription; both give the same snapshot (default: ${DEFAULT-VALUE}).")
  InventorySource inventorySource;

  @Option(names = "--partition-size", paramLabel = "N", defaultValue = "50",
      description = "audit: subscriptions per partition of the collection; a failed partition is all that "
          + "audit --restart reads again (default: ${DEFAULT-VALUE}).")
  int partitionSize;

  CollectOptions toOptions(SubscriptionScope scope) {
    return CollectOptions.builder()
        .subscriptions(scope.subscriptions)
        .allSubscriptions(scope.all)
        .tenantId(tenant == null || tenant.isBlank() ? null : tenant)
        .workspaces(workspaces)
        .lookback(lookback)
        .cloud(cloud)
        .armEndpoint(armEndpoint)
        .graphEndpoint(graphEndpoint)
        .logAnalyticsEndpoint(logAnalyticsEndpoint)
        .concurrency(concurrency)
        .inventorySource(inventorySource)
        .build();
  }

  static final class InventorySourceConverter implements ITypeConverter<InventorySource> {
    @Override
    public InventorySource convert(String value) {
      try {
        return InventorySource.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code 30d}, {@code 12h}, {@code 90m} or an ISO-8601 duration. */
  static final class LookbackConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        if (v.matches("\\d+d")) {
          return Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        if (v.matches("\\d+h")) {
          return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        if (v.matches("\\d+m")) {
          return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        return Duration.parse(value.trim());
      } catch (DateTimeParseException | NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a duration; expected e.g. 30d, 12h or P30D");
      }
    }
  }
}
