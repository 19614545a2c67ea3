package io.acrauditor.collect;

import io.acrauditor.inventory.Coverage;
import java.util.List;

/**
 * The first phase of a collection: the subscriptions in scope, in the order the inventory parts
 * follow, and the gaps met while listing them. Serialisable, so a partitioned run keeps it in its
 * run folder and reads the same list back on restart.
 */
public record SubscriptionList(List<Coverage.AuditedSubscription> subscriptions, List<Coverage.Gap> gaps) {
  public SubscriptionList {
    subscriptions = List.copyOf(subscriptions == null ? List.of() : subscriptions);
    gaps = List.copyOf(gaps == null ? List.of() : gaps);
  }

  public List<String> ids() {
    return subscriptions.stream().map(Coverage.AuditedSubscription::subscriptionId).toList();
  }
}
