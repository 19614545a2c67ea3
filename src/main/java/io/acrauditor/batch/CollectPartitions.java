package io.acrauditor.batch;

import io.acrauditor.collect.AzureClients;
import io.acrauditor.collect.AzureCollector;
import io.acrauditor.collect.CollectProgress;
import io.acrauditor.collect.CollectedSnapshot;
import io.acrauditor.collect.InventoryPart;
import io.acrauditor.collect.LiveAzureInput;
import io.acrauditor.collect.SubscriptionList;
import io.acrauditor.files.AtomicFiles;
import io.acrauditor.files.PrivateFiles;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Collection from live Azure as a partitioned step: the subscriptions are listed once, each
 * partition reads the inventory of its batch into a part file under {@code .state/partitions/},
 * and the {@code collect} step merges the parts. Everything a partition needs travels in its
 * execution context or the run folder, and every part is a file, so the same partitions could be
 * handed to workers in other processes (remote partitioning on the shared job repository) with
 * the run folder on shared storage.
 */
final class CollectPartitions {
  /** Parts read back are held to the evidence's rule: a key twice is an error, not the last value. */
  private static final JsonMapper STATE_READER = SnapshotJson.mapper().rebuild()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  static final String MANAGER_STEP = "collect-inventory";
  static final String WORKER_STEP = "collect-partition";
  static final FlowExecutionStatus PARTITIONED = new FlowExecutionStatus("PARTITIONED");
  static final FlowExecutionStatus SINGLE = new FlowExecutionStatus("SINGLE");

  private static final String PARTITION = "partition";
  private static final String SUBSCRIPTIONS = "subscriptions";
  private static final String SUBSCRIPTION_LIST = "subscriptions.json";

  private CollectPartitions() {}

  /** Live Azure goes through the partitions; a file or the demo is one read, as before. */
  static JobExecutionDecider route(AuditSessions sessions) {
    return (JobExecution job, StepExecution last) ->
        sessions.get(job.getJobParameters().getString(AuditJobConfiguration.RUN_ID)).request().input()
            instanceof LiveAzureInput ? PARTITIONED : SINGLE;
  }

  /**
   * One partition per batch of subscriptions, in the order they were listed. The list is kept in
   * the run folder: on restart Spring Batch asks for the partitions again, and they must be the
   * ones it already ran, not a new listing.
   */
  static Partitioner partitioner(AuditSession session, AzureClients clients) {
    return gridSize -> {
      LiveAzureInput live = (LiveAzureInput) session.request().input();
      SubscriptionList list = subscriptions(session, clients, live);
      Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
      batches(list, live.partitionSize()).forEach((name, ids) -> {
        ExecutionContext context = new ExecutionContext();
        context.putString(PARTITION, name);
        context.putString(SUBSCRIPTIONS, String.join(",", ids));
        partitions.put(name, context);
      });
      return partitions;
    };
  }

  /**
   * A partition's work. What Azure refuses or cannot answer in time (after the HTTP retries) is a
   * coverage gap, as in a single collection, so one unhealthy subscription never costs the whole
   * audit; a partition fails only when it cannot do its work at all (no token, an unreachable
   * endpoint, its part cannot be written), and a restart then reads that partition alone.
   */
  static Tasklet worker(AuditSessions sessions, AzureClients clients) {
    return (StepContribution contribution, ChunkContext chunk) -> {
      AuditSession session = sessions.get(AuditJobConfiguration.runId(chunk));
      LiveAzureInput live = (LiveAzureInput) session.request().input();
      ExecutionContext context = chunk.getStepContext().getStepExecution().getExecutionContext();
      String name = context.getString(PARTITION);
      String joined = context.getString(SUBSCRIPTIONS);
      List<String> ids = joined.isEmpty() ? List.of() : List.of(joined.split(","));
      AzureClients.Connection connection = clients.connect(live.options());
      InventoryPart part;
      try (AzureCollector.Session azure = new AzureCollector(CollectProgress.NONE, clients.clock())
          .open(connection.options(), connection.credential(), connection.httpClient())) {
        part = azure.inventory(ids);
      }
      try {
        write(partFile(session.request().runFolder(), name), part);
      } catch (RuntimeException e) {
        throw new IllegalStateException("Partition " + name + " (" + String.join(", ", ids) + "): " + e.getMessage(), e);
      }
      return RepeatStatus.FINISHED;
    };
  }

  /** The parts, merged and enriched with the tenant-wide reads, as the run's snapshot evidence. */
  static CollectedSnapshot merge(AuditSession session, AzureClients clients, Consumer<RoleAssignment> roleAssignments) {
    LiveAzureInput live = (LiveAzureInput) session.request().input();
    Path runFolder = session.request().runFolder();
    SubscriptionList list = read(dir(runFolder).resolve(SUBSCRIPTION_LIST), SubscriptionList.class);
    List<InventoryPart> parts = new ArrayList<>();
    for (String name : batches(list, live.partitionSize()).keySet()) {
      parts.add(read(partFile(runFolder, name), InventoryPart.class));
    }
    AzureClients.Connection connection = clients.connect(live.options());
    try (AzureCollector.Session azure = new AzureCollector(live.progress(), clients.clock())
        .open(connection.options(), connection.credential(), connection.httpClient())) {
      return live.keep(RunState.snapshot(runFolder), azure.snapshot(azure.now(), list, parts), roleAssignments);
    }
  }

  private static SubscriptionList subscriptions(AuditSession session, AzureClients clients, LiveAzureInput live) {
    Path file = dir(session.request().runFolder()).resolve(SUBSCRIPTION_LIST);
    if (Files.isRegularFile(file)) {
      return read(file, SubscriptionList.class);
    }
    AzureClients.Connection connection = clients.connect(live.options());
    SubscriptionList list;
    try (AzureCollector.Session azure = new AzureCollector(live.progress(), clients.clock())
        .open(connection.options(), connection.credential(), connection.httpClient())) {
      list = azure.subscriptions();
    }
    write(file, list);
    return list;
  }

  /** Partition names in order; zero subscriptions still make one (empty) partition. */
  private static Map<String, List<String>> batches(SubscriptionList list, int size) {
    List<String> ids = list.ids();
    Map<String, List<String>> batches = new LinkedHashMap<>();
    int count = Math.max(1, (ids.size() + size - 1) / size);
    for (int i = 0; i < count; i++) {
      batches.put("p%05d".formatted(i + 1), ids.subList(Math.min(ids.size(), i * size),
          Math.min(ids.size(), (i + 1) * size)));
    }
    return batches;
  }

  private static Path dir(Path runFolder) {
    return RunState.partitions(runFolder);
  }

  private static Path partFile(Path runFolder, String name) {
    return dir(runFolder).resolve(name + ".json");
  }

  private static void write(Path file, Object value) {
    AtomicFiles.write(file, SnapshotJson.mapper().writeValueAsBytes(value));
  }

  private static <T> T read(Path file, Class<T> type) {
    if (!PrivateFiles.isRegularFile(file)) {
      throw new IllegalStateException("a part of this run's collection is missing (" + file + "); run the audit again");
    }
    return STATE_READER.readValue(file.toFile(), type);
  }
}
