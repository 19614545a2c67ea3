package io.acrauditor.collect;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.LogsQueryClientBuilder;
import com.azure.monitor.query.models.LogsQueryOptions;
import com.azure.monitor.query.models.LogsQueryResult;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableRow;
import com.azure.monitor.query.models.QueryTimeInterval;
import io.acrauditor.inventory.ClusterPullFailure;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.RegistryActivity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads usage from Log Analytics with KQL that aggregates on the server, so the answer is one row
 * per registry and identity (or per cluster, namespace, image and reason) however many events the
 * tables hold. Each answer is capped: the query asks for one row more than the cap, and when that
 * row comes back the result is cut to the cap and a {@code Truncated} gap says so.
 *
 * <p>The time window is the query's {@code timespan}, so the KQL itself has no time filter.
 */
final class LogUsageReader {

  static final String LOGIN_EVENTS = "ContainerRegistryLoginEvents";
  static final String REPOSITORY_EVENTS = "ContainerRegistryRepositoryEvents";
  static final String KUBE_EVENTS = "KubeEvents";
  /** Most rows kept per workspace: the most recently active registry identities. */
  static final int ACTIVITY_CAP = 5000;
  /** Most rows kept per workspace: the most recent pull failure groups. */
  static final int PULL_FAILURE_CAP = 1000;
  /** Most items in each sample list (IPs, user agents, repositories). */
  static final int SAMPLE_SIZE = 10;
  private static final int MESSAGE_SAMPLE_CHARS = 500;

  private final LogsQueryClient client;
  private final Duration serverTimeout;

  LogUsageReader(HttpPipeline pipeline, String endpoint, Duration serverTimeout) {
    this.client = new LogsQueryClientBuilder().pipeline(pipeline).endpoint(endpoint).buildClient();
    this.serverTimeout = serverTimeout;
  }

  /** Both registry tables summarised per registry and identity; a missing table is left out. */
  List<RegistryActivity> registryActivity(String workspace, QueryTimeInterval window, CoverageRecorder coverage) {
    Set<String> tables = new LinkedHashSet<>(List.of(REPOSITORY_EVENTS, LOGIN_EVENTS));
    while (!tables.isEmpty()) {
      try {
        List<LogsTableRow> rows = query(workspace, activityQuery(tables), window);
        return capped(rows, ACTIVITY_CAP, workspace, String.join("+", tables), coverage, LogUsageReader::activity);
      } catch (HttpResponseException e) {
        String missing = missingTable(e, tables);
        if (missing == null) {
          throw e;
        }
        coverage.add(CoverageRecorder.gap(workspace + "/" + missing, "table", "query " + missing, e));
        tables.remove(missing);
      }
    }
    return List.of();
  }

  /** Image pulls refused for want of credentials (401 / unauthorized), from Container Insights. */
  List<ClusterPullFailure> clusterPullFailures(String workspace, QueryTimeInterval window, CoverageRecorder coverage) {
    try {
      return capped(query(workspace, PULL_FAILURE_QUERY, window), PULL_FAILURE_CAP, workspace, KUBE_EVENTS, coverage,
          LogUsageReader::pullFailure);
    } catch (HttpResponseException e) {
      if (missingTable(e, Set.of(KUBE_EVENTS)) == null) {
        throw e;
      }
      coverage.add(CoverageRecorder.gap(workspace + "/" + KUBE_EVENTS, "table", "query " + KUBE_EVENTS, e));
      return List.of();
    }
  }

  static String activityQuery(Set<String> tables) {
    List<String> parts = new ArrayList<>();
    if (tables.contains(REPOSITORY_EVENTS)) {
      parts.add("""
          (ContainerRegistryRepositoryEvents
          | project TimeGenerated, ResourceId = tolower(_ResourceId), LoginServer = tolower(LoginServer), Identity,
              CallerIpAddress, UserAgent, Repository,
              Pull = iff(OperationName == "Pull", 1, 0), Push = iff(OperationName == "Push", 1, 0),
              Delete = iff(OperationName in ("Delete", "Untag"), 1, 0), FailedLogin = 0)""");
    }
    if (tables.contains(LOGIN_EVENTS)) {
      parts.add("""
          (ContainerRegistryLoginEvents
          | project TimeGenerated, ResourceId = tolower(_ResourceId), LoginServer = tolower(LoginServer), Identity,
              CallerIpAddress, UserAgent, Repository = "", Pull = 0, Push = 0, Delete = 0,
              FailedLogin = iff(toint(ResultType) >= 400, 1, 0))""");
    }
    return "union " + String.join(",\n", parts) + "\n" + """
        | summarize Pulls = sum(Pull), Pushes = sum(Push), Deletes = sum(Delete), FailedLogins = sum(FailedLogin),
            DistinctCallerIps = dcount(CallerIpAddress), CallerIpAddresses = make_set(CallerIpAddress, %1$d),
            UserAgents = make_set(UserAgent, %1$d), Repositories = make_set_if(Repository, isnotempty(Repository), %1$d),
            FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated)
            by ResourceId, LoginServer, Identity
        | top %2$d by LastSeen desc""".formatted(SAMPLE_SIZE, ACTIVITY_CAP + 1);
  }

  static final String PULL_FAILURE_QUERY = """
      KubeEvents
      | where Reason in ("Failed", "ErrImagePull", "ImagePullBackOff")
      | where Message has "401" or Message has "unauthorized"
      | extend Image = extract(@'(?i)image "([^"]+)"', 1, Message)
      | summarize Failures = count(), LastSeen = max(TimeGenerated), MessageSample = take_any(Message)
          by ClusterId = tolower(ClusterId), Namespace, Image, Reason
      | top %d by LastSeen desc""".formatted(PULL_FAILURE_CAP + 1);

  private List<LogsTableRow> query(String workspace, String kql, QueryTimeInterval window) {
    LogsQueryOptions options = new LogsQueryOptions().setServerTimeout(serverTimeout);
    Response<LogsQueryResult> response = isResourceId(workspace)
        ? client.queryResourceWithResponse(workspace, kql, window, options, Context.NONE)
        : client.queryWorkspaceWithResponse(workspace, kql, window, options, Context.NONE);
    LogsQueryResult result = response.getValue();
    return result.getTable() == null ? List.of() : result.getTable().getRows();
  }

  private static <T> List<T> capped(List<LogsTableRow> rows, int cap, String workspace, String what,
      CoverageRecorder coverage, Function<LogsTableRow, T> mapper) {
    if (rows.size() > cap) {
      coverage.add(new Coverage.Gap(workspace, "table", "query " + what, null, "Truncated",
          "More than " + cap + " result rows; only the " + cap + " most recent were kept"));
    }
    return rows.stream().limit(cap).map(mapper).toList();
  }

  private static RegistryActivity activity(LogsTableRow row) {
    return new RegistryActivity(
        string(row, "ResourceId"),
        string(row, "LoginServer"),
        string(row, "Identity"),
        number(row, "Pulls"),
        number(row, "Pushes"),
        number(row, "Deletes"),
        number(row, "FailedLogins"),
        number(row, "DistinctCallerIps"),
        strings(row, "CallerIpAddresses"),
        strings(row, "UserAgents"),
        strings(row, "Repositories"),
        dateTime(row, "FirstSeen"),
        dateTime(row, "LastSeen"));
  }

  private static ClusterPullFailure pullFailure(LogsTableRow row) {
    String message = string(row, "MessageSample");
    if (message != null && message.length() > MESSAGE_SAMPLE_CHARS) {
      message = message.substring(0, MESSAGE_SAMPLE_CHARS) + "…";
    }
    return new ClusterPullFailure(string(row, "ClusterId"), string(row, "Namespace"), string(row, "Image"),
        string(row, "Reason"), message, number(row, "Failures"), dateTime(row, "LastSeen"));
  }

  /** The table a SemanticError names as unresolvable, if it is one of {@code tables}. */
  static String missingTable(HttpResponseException e, Set<String> tables) {
    int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    String text = e.getMessage() == null ? "" : e.getMessage();
    if (status != 400 || !text.contains("SemanticError")) {
      return null;
    }
    for (String table : tables) {
      if (text.contains("'" + table + "'")) {
        return table;
      }
    }
    return null;
  }

  static boolean isResourceId(String workspace) {
    return workspace.startsWith("/");
  }

  private static Optional<LogsTableCell> cell(LogsTableRow row, String column) {
    return row.getColumnValue(column).filter(c -> c.getValueAsString() != null);
  }

  private static String string(LogsTableRow row, String column) {
    return cell(row, column).map(LogsTableCell::getValueAsString).filter(s -> !s.isEmpty()).orElse(null);
  }

  private static Long number(LogsTableRow row, String column) {
    return cell(row, column).map(c -> new BigDecimal(c.getValueAsString()).longValue())
        .orElse(null);
  }

  private static String dateTime(LogsTableRow row, String column) {
    return cell(row, column).map(c -> ArmMapper.iso(OffsetDateTime.parse(c.getValueAsString()))).orElse(null);
  }

  /** A {@code make_set} column: a dynamic value, which Log Analytics sends as JSON text. */
  private static List<String> strings(LogsTableRow row, String column) {
    Optional<LogsTableCell> c = cell(row, column);
    if (c.isEmpty()) {
      return null;
    }
    JsonNode array = JsonMapper.shared().readTree(c.get().getValueAsString());
    List<String> values = new ArrayList<>();
    for (JsonNode v : array) {
      if (!v.isNull() && !v.asString().isEmpty()) {
        values.add(v.asString());
      }
    }
    values.sort(null);
    return values;
  }
}
