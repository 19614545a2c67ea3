package io.acrauditor.collect;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.acrauditor.inventory.Principal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves principals through Microsoft Graph v1.0 with plain azure-core requests.
 *
 * <p>Service principals are read with {@code GET /servicePrincipals/{id}} (or {@code
 * /servicePrincipals(appId='{appId}')}) and a {@code $select}, which needs only {@code
 * Application.Read.All} and returns the credentials' dates (Graph never returns a secret's text on
 * a read); up to twenty such GETs travel in one JSON batch ({@link GraphBatch}). Users and groups
 * only need a name and a type, so they go in batches of up to 1000 through {@code POST
 * /directoryObjects/getByIds}, a read that needs {@code Directory.Read.All}; without it they stay
 * unresolved and a gap says so. The transitive members of groups that hold a registry role are
 * listed with {@code GET /groups/{id}/transitiveMembers}, which needs {@code GroupMember.Read.All}
 * (or {@code Directory.Read.All}).
 */
final class GraphPrincipalReader {

  static final int GET_BY_IDS_BATCH = 1000;
  private static final String SP_SELECT =
      "id,displayName,appId,appOwnerOrganizationId,servicePrincipalType,passwordCredentials,keyCredentials";

  /** Members a page: Graph's maximum for directory object lists. */
  static final int MEMBER_PAGE = 999;
  private static final String MEMBER_SELECT = "id,displayName,servicePrincipalType";

  private final HttpPipeline pipeline;
  private final String graphEndpoint;
  private final GraphBatch batch;
  private final JsonMapper json = JsonMapper.shared();

  GraphPrincipalReader(HttpPipeline pipeline, String graphEndpoint, int maxRetries, Duration retryDelay) {
    this.pipeline = pipeline;
    this.graphEndpoint = graphEndpoint.endsWith("/") ? graphEndpoint : graphEndpoint + "/";
    this.batch = new GraphBatch(pipeline, this.graphEndpoint, maxRetries, retryDelay);
  }

  /** A service principal to read: by its object id, or by the app id a cluster's profile names. */
  record ServicePrincipalKey(String objectId, String appId) {
    static ServicePrincipalKey byObjectId(String objectId) {
      return new ServicePrincipalKey(objectId, null);
    }

    static ServicePrincipalKey byAppId(String appId) {
      return new ServicePrincipalKey(null, appId);
    }

    /** The resource's path under the Graph version, without the query. */
    String path() {
      return objectId != null ? "/servicePrincipals/" + encode(objectId)
          : "/servicePrincipals(appId='" + encode(appId) + "')";
    }
  }

  /**
   * What Graph answered for one service principal: the principal; neither principal nor failure
   * when Graph does not know it (404, a deleted principal); or the failure.
   */
  record ServicePrincipalRead(ServicePrincipalKey key, Principal principal, HttpResponseException failure) {}

  /**
   * The service principals of {@code keys} (at most {@link GraphBatch#MAX_REQUESTS}) in one batch,
   * an answer per key in the same order.
   *
   * @throws HttpResponseException when Graph refuses the batch request itself
   */
  List<ServicePrincipalRead> servicePrincipals(List<ServicePrincipalKey> keys) {
    List<HttpResponse> answers = batch.get(keys.stream().map(k -> k.path() + "?$select=" + SP_SELECT).toList());
    List<ServicePrincipalRead> reads = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      HttpResponse answer = answers.get(i);
      int status = answer.getStatusCode();
      byte[] body = answer.getBodyAsBinaryData().toBytes();
      if (status / 100 == 2) {
        reads.add(new ServicePrincipalRead(keys.get(i), principal(json.readTree(body), "ServicePrincipal"), null));
      } else if (status == 404) {
        reads.add(new ServicePrincipalRead(keys.get(i), null, null));
      } else {
        reads.add(new ServicePrincipalRead(keys.get(i), null, new HttpResponseException(
            "Graph answered " + status + ": " + new String(body, StandardCharsets.UTF_8), answer)));
      }
    }
    return reads;
  }

  /**
   * What Graph answered for one group's transitive members: the members (with {@code truncated}
   * when the group had more than the bound), or the failure (a 403 without {@code
   * GroupMember.Read.All}); neither for a group Graph no longer knows (404).
   */
  record GroupMembersRead(String groupId, List<Principal.Member> members, boolean truncated,
      HttpResponseException failure) {}

  /**
   * The transitive members of {@code groupIds} (at most {@link GraphBatch#MAX_REQUESTS}): each
   * group's first page in one batch ({@code GET /groups/{id}/transitiveMembers}), further pages by
   * their {@code @odata.nextLink}, up to {@code maxMembers} members a group.
   *
   * @throws HttpResponseException when Graph refuses the batch request itself
   */
  List<GroupMembersRead> transitiveMembers(List<String> groupIds, int maxMembers) {
    List<HttpResponse> answers = batch.get(groupIds.stream()
        .map(id -> "/groups/" + encode(id) + "/transitiveMembers?$select=" + MEMBER_SELECT + "&$top=" + MEMBER_PAGE)
        .toList());
    List<GroupMembersRead> reads = new ArrayList<>(groupIds.size());
    for (int i = 0; i < groupIds.size(); i++) {
      HttpResponse answer = answers.get(i);
      int status = answer.getStatusCode();
      byte[] body = answer.getBodyAsBinaryData().toBytes();
      if (status == 404) {
        reads.add(new GroupMembersRead(groupIds.get(i), null, false, null));
      } else if (status / 100 != 2) {
        reads.add(new GroupMembersRead(groupIds.get(i), null, false, new HttpResponseException(
            "Graph answered " + status + ": " + new String(body, StandardCharsets.UTF_8), answer)));
      } else {
        reads.add(allPages(groupIds.get(i), json.readTree(body), maxMembers));
      }
    }
    return reads;
  }

  private GroupMembersRead allPages(String groupId, JsonNode page, int maxMembers) {
    List<Principal.Member> members = new ArrayList<>();
    while (true) {
      for (JsonNode node : page.path("value")) {
        if (members.size() == maxMembers) {
          return new GroupMembersRead(groupId, members, true, null);
        }
        members.add(new Principal.Member(text(node, "id"), type(text(node, "@odata.type")),
            text(node, "displayName"), text(node, "servicePrincipalType")));
      }
      String next = text(page, "@odata.nextLink");
      if (next == null) {
        return new GroupMembersRead(groupId, members, false, null);
      }
      if (!next.startsWith(graphEndpoint)) {
        // The token goes only where the run's Graph endpoint is; a link elsewhere is not followed.
        throw new IllegalStateException("Graph's next page link leaves " + graphEndpoint + ": " + next);
      }
      page = send(new HttpRequest(HttpMethod.GET, next));
    }
  }

  /** Users and groups among {@code objectIds}; ids Graph does not know are left out. */
  List<Principal> usersAndGroups(List<String> objectIds) {
    List<Principal> found = new ArrayList<>();
    for (int i = 0; i < objectIds.size(); i += GET_BY_IDS_BATCH) {
      List<String> batch = objectIds.subList(i, Math.min(objectIds.size(), i + GET_BY_IDS_BATCH));
      String requestBody = json.writeValueAsString(Map.of("ids", batch, "types", List.of("user", "group")));
      HttpRequest request = new HttpRequest(HttpMethod.POST, graphEndpoint + "v1.0/directoryObjects/getByIds")
          .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
          .setBody(requestBody);
      JsonNode body = send(request);
      for (JsonNode node : body.path("value")) {
        found.add(principal(node, null));
      }
    }
    return found;
  }

  private JsonNode send(HttpRequest request) {
    try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
      int status = response.getStatusCode();
      if (status / 100 != 2) {
        // Graph error bodies are {"error":{"code","message",...}}: no principal data in them.
        throw new HttpResponseException("Graph answered " + status + ": " + response.getBodyAsString().block(),
            response);
      }
      return json.readTree(response.getBodyAsBinaryData().toBytes());
    }
  }

  private static Principal principal(JsonNode node, String knownType) {
    return new Principal(
        text(node, "id"),
        knownType != null ? knownType : type(text(node, "@odata.type")),
        text(node, "displayName"),
        text(node, "appId"),
        text(node, "appOwnerOrganizationId"),
        text(node, "servicePrincipalType"),
        credentials(node.get("passwordCredentials")),
        credentials(node.get("keyCredentials")));
  }

  /** Dates and names only; {@code secretText}, {@code hint} and {@code key} are not read. */
  private static List<Principal.CredentialInfo> credentials(JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    List<Principal.CredentialInfo> list = new ArrayList<>();
    for (JsonNode c : array) {
      list.add(new Principal.CredentialInfo(text(c, "keyId"), text(c, "displayName"), text(c, "startDateTime"),
          text(c, "endDateTime")));
    }
    return list;
  }

  /** {@code #microsoft.graph.servicePrincipal} becomes {@code ServicePrincipal}, as ARM spells it. */
  static String type(String odataType) {
    if (odataType == null) {
      return null;
    }
    String simple = odataType.substring(odataType.lastIndexOf('.') + 1);
    return simple.isEmpty() ? null : simple.substring(0, 1).toUpperCase(Locale.ROOT) + simple.substring(1);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
