package io.acrauditor.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line against the fake Azure, as an operator runs it: a separate JVM, credentials
 * from the standard AZURE_* environment through DefaultAzureCredential, TLS trust from the JVM's
 * standard trust store properties, exit codes and stderr as the process shows them.
 */
class LiveAuditCliTest {
  private FakeAzure fake;
  private Path trustStore;

  @TempDir Path tmp;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeAzure().stubEstate();
    trustStore = trustStoreWithFakeCertificate(tmp.resolve("trust.p12"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void collectThenAuditGivesTheSameFindingsAsOneLiveAudit() throws Exception {
    Path snapshot = tmp.resolve("inventory.json");
    Result collect = run(scope("collect", "--out", snapshot.toString()));
    assertThat(collect.exit).as(collect.err).isZero();
    assertThat(collect.out).contains("Snapshot: ");
    assertThat(Files.readString(snapshot)).doesNotContain(FakeAzure.TOKEN_PASSWORD_VALUE);

    Result fromFile = run(List.of("audit", "--snapshot", snapshot.toString(), "--out", tmp.resolve("a").toString()));
    Result live = run(scope("audit", "--out", tmp.resolve("b").toString()));
    assertThat(fromFile.exit).as(fromFile.err).isIn(0, 1);
    assertThat(live.exit).as(live.err).isEqualTo(fromFile.exit);

    Set<String> a = findings(tmp.resolve("a/findings.json"));
    Set<String> b = findings(tmp.resolve("b/findings.json"));
    assertThat(a).isNotEmpty().isEqualTo(b);
    for (String file : List.of("a/findings.json", "a/report.html", "b/findings.json", "b/report.html", "b/snapshot.json")) {
      assertThat(Files.readString(tmp.resolve(file))).as(file).doesNotContain(FakeAzure.TOKEN_PASSWORD_VALUE);
    }
  }

  @Test
  void anUnreachableEndpointIsInfrastructureExitThreeWithOneClearLine() throws Exception {
    List<String> args = new ArrayList<>(List.of(
        "collect", "--subscription", FakeAzure.SUB_A, "--tenant", FakeAzure.TENANT,
        "--arm-endpoint", "https://127.0.0.1:9/", "--graph-endpoint", "https://127.0.0.1:9/",
        "--log-analytics-endpoint", "https://127.0.0.1:9", "--out", tmp.resolve("x.json").toString()));
    Result result = run(args);
    assertThat(result.exit).as("Azure unreachable: a retry may work").isEqualTo(3);
    List<String> errors = result.err.lines().filter(l -> l.startsWith("acr-auditor:")).toList();
    assertThat(errors).singleElement().satisfies(l -> assertThat(l).contains("127.0.0.1:9"));
    assertThat(result.err).doesNotContain("\tat ").doesNotContain("Exception in thread");
    assertThat(tmp.resolve("x.json")).doesNotExist();
  }

  private List<String> scope(String command, String... more) {
    List<String> args = new ArrayList<>(List.of(
        command,
        "--subscription", FakeAzure.SUB_A, "--subscription", FakeAzure.SUB_B,
        "--tenant", FakeAzure.TENANT,
        "--arm-endpoint", fake.base() + "/",
        "--graph-endpoint", fake.base() + "/",
        "--log-analytics-endpoint", fake.base()));
    args.addAll(List.of(more));
    return args;
  }

  private Result run(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Djavax.net.ssl.trustStore=" + trustStore,
        "-Djavax.net.ssl.trustStorePassword=changeit",
        "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-cp", System.getProperty("java.class.path"),
        "io.acrauditor.AcrAuditorApplication"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AZURE_") || k.startsWith("IDENTITY_") || k.startsWith("MSI_"));
    env.put("AZURE_TENANT_ID", FakeAzure.TENANT);
    env.put("AZURE_CLIENT_ID", "6c5b4a39-0000-4000-8000-0000000000c1");
    env.put("AZURE_CLIENT_SECRET", "fake-client-secret");
    env.put("AZURE_AUTHORITY_HOST", fake.base() + "/");
    Process process = pb.start();
    process.getOutputStream().close();
    byte[] out;
    byte[] err;
    try (InputStream o = process.getInputStream(); InputStream e = process.getErrorStream()) {
      var errReader = new java.util.concurrent.CompletableFuture<byte[]>();
      Thread t = new Thread(() -> {
        try {
          errReader.complete(e.readAllBytes());
        } catch (IOException ex) {
          errReader.completeExceptionally(ex);
        }
      });
      t.start();
      out = o.readAllBytes();
      err = errReader.get(120, TimeUnit.SECONDS);
    }
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the CLI finishes").isTrue();
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private record Result(int exit, String out, String err) {}

  private static Set<String> findings(Path file) {
    JsonNode doc = JsonMapper.builder().build().readTree(file.toFile());
    Set<String> set = new TreeSet<>();
    doc.get("findings").forEach(f -> set.add(f.get("ruleId").asString() + " " + f.get("fingerprint").asString()));
    return set;
  }

  /** The fake's certificate alone, as a trust store the forked JVM is pointed at. */
  private static Path trustStoreWithFakeCertificate(Path target) throws Exception {
    try (OutputStream out = Files.newOutputStream(target)) {
      FakeAzureTls.trustStore().store(out, "changeit".toCharArray());
    }
    return target;
  }

}
