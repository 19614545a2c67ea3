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

  @Test
  void aDuplicatedKeyIsRefusedNotResolvedByTheLastValue() {
    // The admin user enabled, then "disabled" further down: last-wins would hide a critical finding.
    assertThatThrownBy(() -> read("""
        {"schemaVersion": 1, "generatedAt": "2026-11-23T02:00:00Z",
         "registries": [%s,
           {"id": "/x/registries/b", "name": "b",
            "adminUserEnabled": true,
            "adminUserEnabled": false}]}
        """.formatted(REGISTRY)))
        .isInstanceOf(SnapshotException.class)
        .hasMessageStartingWith("test.json at /registries/1/adminUserEnabled (line 5,")
        .hasMessageContaining("duplicate key 'adminUserEnabled'");
    assertThatThrownBy(() -> read("{\"schemaVersion\": 1, \"generatedAt\": \"2026-11-23T02:00:00Z\",\n"
            + " \"registries\": [], \"registries\": [" + REGISTRY + "]}"))
        .hasMessageStartingWith("test.json at /registries (line 2,")
        .hasMessageContaining("duplicate key 'registries'");
  }

  @Test
  void contentAfterTheSnapshotIsRefused() {
    String snapshot = "{\"schemaVersion\": 1, \"generatedAt\": \"2026-11-23T02:00:00Z\", \"registries\": [" + REGISTRY + "]}";
    assertThatThrownBy(() -> read(snapshot + "\n" + snapshot))
        .isInstanceOf(SnapshotException.class)
        .hasMessageStartingWith("test.json at line 2, column 1: content after the snapshot object (line 1,")
        .hasMessageContaining("exactly one JSON document");
    assertThatThrownBy(() -> read(snapshot + "\n\n  garbage"))
        .hasMessageStartingWith("test.json at line 3, column 3: content after the snapshot object");
    assertThat(read(snapshot + "\n  \n").registries()).hasSize(1);
  }

  @Test
  void aVersionBeyondIntegersIsASchemaErrorWithItsPointer() {
    assertThatThrownBy(() -> read("{\"schemaVersion\": 1099511627776, \"generatedAt\": \"2026-11-23T02:00:00Z\"}"))
        .isInstanceOf(SnapshotException.class)
        .hasMessageStartingWith("test.json at /schemaVersion (line 1)")
        .hasMessageContaining("unsupported schemaVersion 1099511627776");
  }

  @Test
  void aStringBeyondTheLimitIsRefusedNamingTheFieldAndTheLimit() {
    String huge = "a".repeat(EvidenceLimits.DEFAULT.maxStringLength() + 1);
    assertThatThrownBy(() -> read("""
        {"schemaVersion": 1, "generatedAt": "2026-11-23T02:00:00Z",
         "registries": [%s, {"id": "/x/registries/b", "name": "%s"}]}
        """.formatted(REGISTRY, huge)))
        .isInstanceOf(SnapshotException.class)
        .hasMessageStartingWith("test.json at /registries/1/name (line 2,")
        .hasMessageContaining("string value longer than the limit of 32768 characters")
        .hasMessageNotContaining("aaaa");
  }

  @Test
  void theDocumentNestingAndNumberLimits() {
    EvidenceLimits small = new EvidenceLimits(1000, 200, 5, 10);
    SnapshotReader strict = new SnapshotReader(small);
    String padded = "{\"schemaVersion\": 1, \"generatedAt\": \"2026-11-23T02:00:00Z\", \"registries\": ["
        + (REGISTRY + ",").repeat(5) + REGISTRY + "]}";
    assertThatThrownBy(() -> strict.read(padded.getBytes(StandardCharsets.UTF_8), "big.json"))
        .hasMessageContaining("snapshot larger than the limit of 200 bytes (raise it with ACR_AUDITOR_MAX_SNAPSHOT_BYTES)");
    String deep = "{\"schemaVersion\": 1, \"generatedAt\": \"2026-11-23T02:00:00Z\", \"registries\": [{\"id\": \"/x\","
        + " \"name\": \"a\", \"sku\": {\"name\": {\"a\": {\"b\": [[1]]}}}}]}";
    assertThatThrownBy(() -> strict.read(deep.getBytes(StandardCharsets.UTF_8), "deep.json"))
        .hasMessageStartingWith("deep.json at /registries/0/sku/name/a (line 1,")
        .hasMessageContaining("nested deeper than the limit of 5 levels");
    assertThatThrownBy(() -> strict.read("{\"schemaVersion\": 100000000000000000000}".getBytes(StandardCharsets.UTF_8), "n.json"))
        .hasMessageStartingWith("n.json at /schemaVersion")
        .hasMessageContaining("number longer than the limit of 10 characters");
  }

  @Test
  void theDocumentBoundIsSetInTheEnvironment() {
    assertThat(EvidenceLimits.fromEnvironment(name -> null)).isEqualTo(EvidenceLimits.DEFAULT);
    assertThat(EvidenceLimits.fromEnvironment(name -> "8G").maxDocumentBytes()).isEqualTo(8L << 30);
    assertThat(EvidenceLimits.fromEnvironment(name -> "1000").maxDocumentBytes()).isEqualTo(1000);
    assertThatThrownBy(() -> EvidenceLimits.fromEnvironment(name -> "lots"))
        .hasMessageContaining("ACR_AUDITOR_MAX_SNAPSHOT_BYTES='lots' is not a positive number of bytes");
  }

  @Test
  void namesIdsAndConditionsAreHeldToAzuresOwnLimitsWithMargin() {
    assertThatThrownBy(() -> read("""
        {"schemaVersion": 1, "generatedAt": "2026-11-23T02:00:00Z",
         "registries": [{"id": "/x/registries/b", "name": "%s"}]}
        """.formatted("n".repeat(513))))
        .hasMessageStartingWith("test.json at /registries/0/name (line 2)")
        .hasMessageContaining("512");
    assertThatThrownBy(() -> read("""
        {"schemaVersion": 1, "generatedAt": "2026-11-23T02:00:00Z",
         "roleAssignments": [{"id": "/a", "scope": "/s", "principalId": "p", "roleDefinitionId": "/r",
           "condition": "%s"}]}
        """.formatted("c".repeat(16_385))))
        .hasMessageStartingWith("test.json at /roleAssignments/0/condition (line 3)")
        .hasMessageContaining("16384");
    Snapshot atTheLimit = read("""
        {"schemaVersion": 1, "generatedAt": "2026-11-23T02:00:00Z",
         "registries": [{"id": "/x/registries/%s", "name": "%s"}]}
        """.formatted("i".repeat(4000), "n".repeat(512)));
    assertThat(atTheLimit.registries().get(0).name()).hasSize(512);
  }
}
