package io.acrauditor.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import io.acrauditor.AcrAuditorApplication;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit job's partitioned collection over the fake Azure, in-process with the real job and
 * job repository: the fake's credential and HTTP client come in through {@link AzureClients}, as
 * they do in {@link AzureCollectorTest} through the collector's parameters.
 */
@SpringBootTest(args = "version")
class PartitionedCollectionTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
  private static final HttpClient HTTP = FakeAzure.httpClient(Duration.ofSeconds(20));
  private static volatile FakeAzure fake;

  @TempDir static Path database;

  @DynamicPropertySource
  static void h2File(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + database.resolve("history").toAbsolutePath());
  }

  @TestConfiguration
  static class FakeClients {
    @Bean
    AzureClients azureClients() {
      return new AzureClients() {
        @Override
        public Connection connect(CollectOptions options) {
          return new Connection(options, fake.credential(HTTP), HTTP);
        }

        @Override
        public Clock clock() {
          return CLOCK;
        }
      };
    }
  }

  @Autowired AcrAuditorApplication application;
  @Autowired JdbcClient jdbc;

  @TempDir Path tmp;

  @BeforeEach
  void start() {
    fake = new FakeAzure().stubEstate();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @ParameterizedTest
  @EnumSource(InventorySource.class)
  void onePartitionPerSubscriptionGivesTheSnapshotOfASingleCollection(InventorySource source) throws IOException {
    Path out = tmp.resolve("run");
    Result run = cli(audit(out, "--inventory-source", source.wireName()));
    assertThat(run.exit).as(run.err).isIn(0, 1);

    assertThat(Files.readString(out.resolve("snapshot.json"))).isEqualTo(singleCollection(source));
    assertThat(steps(runId(out))).containsExactly(
        "collect=1", "collect-inventory=1",
        "collect-partition:p00001=1", "collect-partition:p00002=1", "collect-partition:p00003=1",
        "evaluate=1", "report=1");
    assertThat(out.resolve(".state")).doesNotExist();
  }

  @Test
  void aPartitionThatFailedIsTheOnlyOneARestartReadsAgain() throws IOException {
    // A directory where partition 2 must write its part: that partition alone cannot finish.
    Path out = tmp.resolve("run");
    Path blocked = Files.createDirectories(out.resolve(".state/partitions/p00002.json/in-the-way"));
    // --force: the run folder is not empty, on purpose.
    Result failed = cli(audit(out, "--force"));
    assertThat(failed.exit).as(failed.err).isEqualTo(2);
    assertThat(failed.err).contains("Partition p00002");
    assertThat(out.resolve("snapshot.json")).doesNotExist();
    Matcher m = Pattern.compile("--restart ([0-9a-f-]{36})").matcher(failed.err);
    assertThat(m.find()).as(failed.err).isTrue();
    String runId = m.group(1);

    Files.delete(blocked);
    Files.delete(blocked.getParent());
    Result restarted = cli(new String[] {"audit", "--restart", runId});
    assertThat(restarted.exit).as(restarted.err).isIn(0, 1);

    assertThat(steps(runId)).containsExactly(
        "collect=1", "collect-inventory=2",
        "collect-partition:p00001=1", "collect-partition:p00002=2", "collect-partition:p00003=1",
        "evaluate=1", "report=1");
    assertThat(Files.readString(out.resolve("snapshot.json"))).isEqualTo(singleCollection(InventorySource.GRAPH));
  }

  @Test
  void aSubscriptionThatKeepsFailingIsACoverageGapAndTheAuditCompletes() throws IOException {
    fake.server.stubFor(get(FakeAzure.path(FakeAzure.ACRDEV + "/tokens")).atPriority(1)
        .willReturn(aResponse().withStatus(503).withHeader("retry-after-ms", "5")
            .withHeader("Content-Type", "application/json")
            .withBody(fake.fixture("arm/error-service-unavailable.json"))));
    Path out = tmp.resolve("run");
    Result run = cli(audit(out));
    assertThat(run.exit).as(run.err).isIn(0, 1);
    Snapshot snapshot = new io.acrauditor.inventory.SnapshotReader().read(out.resolve("snapshot.json"));
    assertThat(snapshot.coverage().gaps()).anySatisfy(g -> {
      assertThat(g.scope()).isEqualTo(FakeAzure.ACRDEV);
      assertThat(g.operation()).isEqualTo("list tokens");
      assertThat(g.status()).isEqualTo(503);
    });
    assertThat(snapshot.registries()).extracting(r -> r.name()).contains("acrprod", "acrdev");
  }

  private String singleCollection(InventorySource source) {
    CollectOptions options = CollectOptions.builder()
        .inventorySource(source)
        .allSubscriptions(true)
        .tenantId(FakeAzure.TENANT)
        .armEndpoint(URI.create(fake.base() + "/"))
        .graphEndpoint(URI.create(fake.base() + "/"))
        .logAnalyticsEndpoint(URI.create(fake.base()))
        .build();
    Snapshot single = new AzureCollector(CollectProgress.NONE, CLOCK).collect(options, fake.credential(HTTP), HTTP);
    return SnapshotJson.mapper().writeValueAsString(single);
  }

  private static String[] audit(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("audit", "--all-subscriptions", "--tenant", FakeAzure.TENANT,
        "--arm-endpoint", fake.base() + "/", "--graph-endpoint", fake.base() + "/",
        "--log-analytics-endpoint", fake.base(), "--partition-size", "1", "--out", out.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private record Result(int exit, String out, String err) {}

  private Result cli(String[] args) {
    CommandLine cli = application.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private static String runId(Path out) {
    return JsonMapper.builder().build().readTree(out.resolve("findings.json").toFile()).at("/run/runId").asString();
  }

  private List<String> steps(String runId) {
    return new ArrayList<>(jdbc.sql("""
            SELECT s.step_name, COUNT(*) FROM batch_step_execution s
            JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
            JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
            WHERE p.parameter_name = 'runId' AND p.parameter_value = ?
            GROUP BY s.step_name ORDER BY s.step_name""")
        .param(runId)
        .query((rs, n) -> rs.getString(1) + "=" + rs.getInt(2)).list());
  }
}
