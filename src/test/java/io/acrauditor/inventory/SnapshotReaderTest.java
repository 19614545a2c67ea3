package io.acrauditor.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SnapshotReaderTest {
  private final SnapshotReader reader = new SnapshotReader();

  private Snapshot read(String json) {
    return reader.read(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  private static final String REGISTRY = """
      {"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/a", "name": "a"}""";

  @Test
  void readsEveryCollectionAndKeepsAbsentAsNull() {
    Snapshot s = read("""
        {"schemaVersion": 1, "generatedAt": "2026-11-23T02:00:00Z", "tenantId": null,
         "registries": [%s, {"id": "/x/registries/b", "name": "b", "adminUserEnabled": false}],
         "principals": null,
         "coverage": {"gaps": [{"scope": "/subscriptions/c", "kind": "subscription", "reason": "denied"}]}}
        """.formatted(REGISTRY));
    assertThat(s.registries()).extracting(Registry::name).containsExactly("a", "b");
    assertThat(s.registries().get(0).adminUserEnabled()).isNull();
    assertThat(s.registries().get(1).adminUserEnabled()).isFalse();
    assertThat(s.tenantId()).isNull();
    assertThat(s.principals()).isEmpty();
    assertThat(s.coverage().gaps()).singleElement().extracting(Coverage.Gap::scope).isEqualTo("/subscriptions/c");
  }

  @Test
  void theVersionMayComeAfterTheCollections() {
    Snapshot s = read("{\"registries\": [" + REGISTRY + "], \"generatedAt\": \"2026-11-23T02:00:00Z\", \"schemaVersion\": 1}");
    assertThat(s.registries()).hasSize(1);
  }

  @Test
  void anElementErrorNamesItsPointerAndLine() {
    assertThatThrownBy(() -> read("""
        {"schemaVersion": 1,
         "generatedAt": "2026-11-23T02:00:00Z",
         "registries": [
           %s,
           {"id": "/x", "name": "b",
            "sku": {"name": 5}}
         ]}
        """.formatted(REGISTRY)))
        .isInstanceOf(SnapshotException.class)
        .hasMessageStartingWith("test.json at /registries/1/sku/name (line 6)")
        .hasMessageContaining("string");
  }

  @Test
  void aStrayPropertyIsNamedItself() {
    assertThatThrownBy(() -> read("{\"schemaVersion\": 1, \"generatedAt\": \"2026-11-23T02:00:00Z\",\n"
            + " \"registries\": [{\"id\": \"/x\", \"name\": \"a\",\n \"adminUserEnabeld\": true}]}"))
        .hasMessageStartingWith("test.json at /registries/0/adminUserEnabeld (line 3)");
    assertThatThrownBy(() -> read("{\"schemaVersion\": 1, \"generatedAt\": \"2026-11-23T02:00:00Z\", \"extra\": 1}"))
        .hasMessageStartingWith("test.json at /extra")
        .hasMessageContaining("not defined in the schema");
  }

  @Test
  void requiredAndFormattedRootFields() {
    assertThatThrownBy(() -> read("{\"schemaVersion\": 1}"))
        .hasMessageContaining("/generatedAt").hasMessageContaining("missing");
    assertThatThrownBy(() -> read("{\"generatedAt\": \"2026-11-23T02:00:00Z\"}"))
        .hasMessageContaining("/schemaVersion").hasMessageContaining("missing");
    assertThatThrownBy(() -> read("{\"schemaVersion\": 1, \"generatedAt\": \"yesterday\"}"))
        .hasMessageContaining("/generatedAt");
    assertThatThrownBy(() -> read("{\"schemaVersion\": 2, \"generatedAt\": \"2026-11-23T02:00:00Z\"}"))
        .hasMessageContaining("unsupported schemaVersion 2");
  }

  @Test
  void notAnObjectAndBrokenJson() {
    assertThatThrownBy(() -> read("[1, 2]")).hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> read("{\"schemaVersion\": 1,\n \"generatedAt\": }"))
        .hasMessageContaining("line 2").hasMessageContaining("malformed JSON");
  }

  @Test
  void aSecretValueCannotEnter() {
    assertThatThrownBy(() -> read("""
        {"schemaVersion": 1, "generatedAt": "2026-11-23T02:00:00Z",
         "registries": [{"id": "/x", "name": "a", "tokens": [{"name": "t",
           "credentials": {"passwords": [{"name": "password1", "value": "S3cr3t"}]}}]}]}
        """))
        .hasMessageContaining("/registries/0/tokens/0/credentials/passwords/0/value")
        .hasMessageNotContaining("S3cr3t");
  }

  @Test
  void equalValuesAreReadIntoOneStringSoALargeEstateHoldsEachOnce() {
    Snapshot s = read("""
        {"schemaVersion": 1, "generatedAt": "2026-11-23T02:00:00Z",
         "registries": [
           {"id": "/x/registries/a", "name": "a", "location": "westeurope", "publicNetworkAccess": "Enabled"},
           {"id": "/x/registries/b", "name": "b", "location": "westeurope", "publicNetworkAccess": "Enabled"}]}
        """);
    Registry a = s.registries().get(0);
    Registry b = s.registries().get(1);
    assertThat(a.location()).isEqualTo("westeurope").isSameAs(b.location());
    assertThat(a.publicNetworkAccess()).isSameAs(b.publicNetworkAccess());
    assertThat(a.name()).isEqualTo("a");
    assertThat(b.name()).isEqualTo("b");
  }
}
