package io.acrauditor.rules;

import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.Token;
import io.acrauditor.inventory.index.Activity;
import io.acrauditor.inventory.index.RegistryFacts;
import io.acrauditor.inventory.index.RegistryRef;
import io.acrauditor.inventory.index.Subject;
import io.acrauditor.inventory.index.SubjectKind;
import io.acrauditor.inventory.index.SubjectRef;
import io.acrauditor.inventory.index.TokenFacts;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Test rule catalogues and subjects, independent of the real catalogue under rules/. */
final class Fixtures {
  static final String BUILT_IN = "rules-fixtures/builtin";
  static final String REGISTRY_ID =
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/acrshared";

  private Fixtures() {}

  static RuleLoader loader() {
    return RuleLoader.fromClasspath(BUILT_IN);
  }

  static Path dir(String relative) {
    try {
      return Path.of(Fixtures.class.getResource("/rules-fixtures/" + relative).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Subject registry(Boolean adminUserEnabled, String publicNetworkAccess, Registry.NetworkRuleSet network, Activity adminActivity) {
    Registry registry = new Registry(REGISTRY_ID, "acrshared", "00000000-0000-0000-0000-000000000001", "rg-shared",
        "westeurope", new Registry.Sku("Standard", "Standard"), "acrshared.azurecr.io", adminUserEnabled,
        publicNetworkAccess, network, null, null, null, null, null, List.of(), List.of(), List.of(), List.of());
    RegistryFacts facts = new RegistryFacts(false, false, false, adminActivity != null, adminActivity, List.of());
    return new Subject(SubjectKind.REGISTRY, ref(REGISTRY_ID, "acrshared", "registry"), registry, facts);
  }

  static Activity adminActivity(long distinctIps) {
    return new Activity(10, 0, 0, 0, distinctIps, List.of("10.0.0.1", "10.0.0.2", "10.0.0.3").subList(0, (int) Math.min(3, distinctIps)),
        List.of(), List.of(), "2025-12-01T00:00:00Z", "2025-12-30T00:00:00Z");
  }

  static Subject token(String status, List<Token.Password> passwords) {
    String id = REGISTRY_ID + "/tokens/client-a";
    Token token = new Token(id, "client-a", REGISTRY_ID + "/scopeMaps/_repositories_pull", status, "2025-01-01T00:00:00Z",
        "Succeeded", new Token.Credentials(passwords, List.of()));
    TokenFacts facts = new TokenFacts(new RegistryRef(REGISTRY_ID, "acrshared", "acrshared.azurecr.io", "Standard", null, "Enabled"),
        null, false, false, false, false, null, List.of());
    return new Subject(SubjectKind.TOKEN, ref(id, "client-a", "token"), token, facts);
  }

  static SubjectRef ref(String id, String name, String kind) {
    return new SubjectRef(id, name, kind, "00000000-0000-0000-0000-000000000001", "rg-shared", "tenant-1");
  }
}
