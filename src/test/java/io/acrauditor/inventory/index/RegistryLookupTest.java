package io.acrauditor.inventory.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.Registry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a management group scope covers, from the subscriptions' ancestry in the snapshot. */
class RegistryLookupTest {
  private static final String TENANT = "11111111-1111-1111-1111-111111111111";
  private static final Registry SHARED = registry("aaaa", "acrshared");
  private static final Registry OTHER = registry("bbbb", "acrother");
  private static final String PLATFORM = "/providers/Microsoft.Management/managementGroups/platform";

  @Test
  void aManagementGroupCoversExactlyTheSubscriptionsBeneathIt() {
    RegistryLookup lookup = lookup(List.of("platform", "contoso", TENANT), List.of("contoso", TENANT));

    assertThat(lookup.coveredBy(PLATFORM)).containsExactly(SHARED);
    assertThat(lookup.coveredBy("/providers/Microsoft.Management/managementGroups/CONTOSO"))
        .containsExactly(SHARED, OTHER);
    assertThat(lookup.coveredBy("/providers/Microsoft.Management/managementGroups/sandbox")).isEmpty();
    assertThat(lookup.mayBeCoveredBy(PLATFORM)).isEmpty();
  }

  @Test
  void whereTheTreeCouldNotBeReadAManagementGroupOnlyMayCover() {
    RegistryLookup lookup = lookup(List.of("platform", TENANT), null);

    assertThat(lookup.coveredBy(PLATFORM)).containsExactly(SHARED);
    assertThat(lookup.mayBeCoveredBy(PLATFORM)).containsExactly(OTHER);
  }

  @Test
  void theRootScopeAndTheTenantRootGroupCoverEverySubscriptionKnownOrNot() {
    RegistryLookup lookup = lookup(null, null);

    assertThat(lookup.coveredBy("/")).containsExactly(SHARED, OTHER);
    assertThat(lookup.coveredBy("/providers/Microsoft.Management/managementGroups/" + TENANT))
        .containsExactly(SHARED, OTHER);
    assertThat(lookup.mayBeCoveredBy("/providers/Microsoft.Management/managementGroups/" + TENANT)).isEmpty();
  }

  private static RegistryLookup lookup(List<String> sharedAncestors, List<String> otherAncestors) {
    return new RegistryLookup(List.of(SHARED, OTHER), List.of(
        new Coverage.AuditedSubscription("aaaa", "shared", TENANT, "Enabled", sharedAncestors),
        new Coverage.AuditedSubscription("bbbb", "other", TENANT, "Enabled", otherAncestors)), TENANT);
  }

  private static Registry registry(String subscription, String name) {
    return new Registry("/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/" + name,
        name, subscription, "rg", "westeurope", new Registry.Sku("Standard", "Standard"), name + ".azurecr.io",
        false, null, null, null, null, null, null, null, List.of(), List.of(), List.of(), List.of());
  }
}
