package io.acrauditor.report;

import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Fingerprint;
import io.acrauditor.findings.Reference;
import io.acrauditor.findings.Remediation;
import io.acrauditor.findings.RunComparison;
import io.acrauditor.findings.RunComparison.FindingHistory;
import io.acrauditor.findings.RunComparison.PastFinding;
import io.acrauditor.findings.RunComparison.TrendPoint;
import io.acrauditor.findings.RunMetadata;
import io.acrauditor.findings.Severity;
import io.acrauditor.findings.Summary;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.index.AccessPath;
import io.acrauditor.inventory.index.RegistryAccessPaths;
import io.acrauditor.inventory.index.SubjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A hand-built audit of a SaaS vendor's estate, independent of the rule engine and index: one
 * shared Standard registry with several clients, a Premium registry, an unreadable subscription.
 * {@link #withHostileNames()} adds names and values that try to inject markup.
 *
 * <p>Both are compared with three earlier runs: {@link #NEW_RULES_AND_SUBJECTS} are new, the
 * other findings open since {@link #FIRST_SEEN}, two findings of the previous run are resolved,
 * one (on the unreadable subscription) is not reassessed, and the trend has four points. The
 * hostile finding is missing from the history on purpose: it must come out as new.
 */
final class ReportFixtures {
  private ReportFixtures() {}

  static final String TENANT = "3c6f9d2e-8b41-4f7a-9d55-0a1e2b7c4d10";
  static final String CLIENT_TENANT = "9a0b7c4e-2f13-4e8d-b6a1-55c3d2e1f0a9";
  static final String SUB_PROD = "1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809";
  static final String SUB_SHARED = "7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a01";
  static final String SUB_SANDBOX = "0f1e2d3c-4b5a-4697-8877-665544332211";
  static final String RG = "/subscriptions/" + SUB_PROD + "/resourceGroups/rg-saas-registry";
  static final String SAAS_ACR = RG + "/providers/Microsoft.ContainerRegistry/registries/contososaasacr";
  static final String PLATFORM_ACR =
      "/subscriptions/" + SUB_SHARED + "/resourceGroups/rg-platform/providers/Microsoft.ContainerRegistry/registries/contosoplatformacr";

  static final String SCRIPT = "<script>window.__pwned=1</script>";
  static final String BIDI_OVERRIDE = "\u202E";
  static final String IMG = "<img src=x onerror=\"window.__pwned=1\">";

  static final Reference LEARN_ADMIN =
      new Reference("guidance", null, "Admin account - Azure Container Registry",
          "https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account");
  static final Reference MCSB_IM1 = new Reference("mcsb", "IM-1", "Use centralized identity and authentication system", null);
  static final Reference POLICY_ADMIN =
      new Reference("azure-policy", "dc921057-6b28-4fbe-9b83-f7bec05db6c2",
          "Container registries should have local admin account disabled",
          "https://portal.azure.com/#blade/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2Fdc921057-6b28-4fbe-9b83-f7bec05db6c2");
  static final Reference LEARN_ROLES =
      new Reference("guidance", null, "Azure Container Registry roles and permissions",
          "https://learn.microsoft.com/azure/container-registry/container-registry-roles");
  static final Reference LEARN_TOKENS =
      new Reference("guidance", null, "Create a token with repository-scoped permissions",
          "https://learn.microsoft.com/azure/container-registry/container-registry-repository-scoped-permissions");
  static final Reference MCSB_PA7 = new Reference("mcsb", "PA-7", "Follow just enough administration (least privilege) principle", null);

  static final String PREVIOUS_RUN = "20261122T020000Z-77c1";
  static final String PREVIOUS_RUN_FINISHED = "2026-11-22T02:02:58Z";
  static final String FIRST_SEEN = "2026-09-14T02:03:10Z";
  static final Set<String> NEW_FINDING_SUBJECTS = Set.of("mi-clientd-tokenminter → Contributor", "aks-clientd-prod", "sp-client-b-pull");
  static final String SANDBOX_ACR =
      "/subscriptions/" + SUB_SANDBOX + "/resourceGroups/rg-fabrikam/providers/Microsoft.ContainerRegistry/registries/fabrikamsandboxacr";

  static AuditResult rich() {
    return build(false);
  }

  /** The same audit made without history: no comparison at all. */
  static AuditResult withoutComparison(AuditResult r) {
    return new AuditResult(r.run(), r.summary(), r.findings(), r.evaluationErrors(), r.coverage(), r.accessMatrix(), r.rules(), null);
  }

  /** The same audit as the first run over its scope: everything new, one point of trend. */
  static AuditResult firstRun(AuditResult r) {
    Map<String, FindingHistory> history = new LinkedHashMap<>();
    r.findings().forEach(f -> history.put(f.fingerprint(), new FindingHistory(FindingHistory.NEW, r.run().startedAt())));
    RunComparison first =
        new RunComparison(null, null, history, List.of(), List.of(),
            List.of(new TrendPoint(r.run().runId(), r.run().finishedAt(), r.summary().bySeverity())));
    return new AuditResult(r.run(), r.summary(), r.findings(), r.evaluationErrors(), r.coverage(), r.accessMatrix(), r.rules(), first);
  }

  static final String BUSY_ACR =
      "/subscriptions/" + SUB_SHARED + "/resourceGroups/rg-ci/providers/Microsoft.ContainerRegistry/registries/busyciacr";

  /**
   * {@code r} plus a registry with {@code paths} access paths, in the middle of the matrix as the
   * index would put it: identities {@code sp-ci-000}, {@code sp-ci-001} ..., every one whose
   * number is 7 modulo 15 holding AcrPush (beyond pull), the others AcrPull.
   */
  static AuditResult withBusyRegistry(AuditResult r, int paths) {
    List<AccessPath> matrix = new ArrayList<>(r.accessMatrix().stream().toList());
    int at = matrix.size() / 2;
    List<AccessPath> busy = new ArrayList<>();
    for (int i = 0; i < paths; i++) {
      boolean push = i % 15 == 7;
      busy.add(
          new AccessPath(BUSY_ACR, "busyciacr", String.format(Locale.ROOT, "sp-ci-%03d", i),
              String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", i), "ServicePrincipal", "rbac",
              push ? "AcrPush" : "AcrPull", BUSY_ACR, "registry", push, null));
    }
    matrix.addAll(at, busy);
    return new AuditResult(r.run(), r.summary(), r.findings(), r.evaluationErrors(), r.coverage(), RegistryAccessPaths.of(matrix), r.rules(), r.comparison());
  }

  static AuditResult withHostileNames() {
    return build(true);
  }

  /** The same result with every list shuffled: reports must not depend on input order. */
  static AuditResult shuffled(AuditResult r, long seed) {
    Random random = new Random(seed);
    return new AuditResult(
        r.run(),
        new Summary(
            r.summary().findings(),
            r.summary().bySeverity(),
            shuffle(r.summary().byRule(), random),
            r.summary().subjectsEvaluated(),
            r.summary().evaluationErrors(),
            r.summary().coverageGaps()),
        shuffle(r.findings(), random),
        shuffle(r.evaluationErrors(), random),
        new Coverage(
            shuffle(r.coverage().subscriptions(), random),
            r.coverage().logWindow(),
            shuffle(r.coverage().workspaces(), random),
            shuffle(r.coverage().gaps(), random)),
        RegistryAccessPaths.of(shuffle(r.accessMatrix().stream().toList(), random)),
        shuffle(r.rules(), random),
        r.comparison() == null
            ? null
            : new RunComparison(
                r.comparison().previousRunId(),
                r.comparison().previousRunFinishedAt(),
                shuffledMap(r.comparison().findings(), random),
                shuffle(r.comparison().resolved(), random),
                shuffle(r.comparison().notReassessed(), random),
                shuffle(r.comparison().trend(), random)));
  }

  private static <K, V> Map<K, V> shuffledMap(Map<K, V> map, Random random) {
    Map<K, V> copy = new LinkedHashMap<>();
    shuffle(new ArrayList<>(map.entrySet()), random).forEach(e -> copy.put(e.getKey(), e.getValue()));
    return copy;
  }

  private static <T> List<T> shuffle(List<T> list, Random random) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, random);
    return copy;
  }

  private static AuditResult build(boolean hostile) {
    List<Finding> findings = new ArrayList<>(findings());
    List<AccessPath> matrix = new ArrayList<>(accessMatrix());
    List<EvaluationError> errors = new ArrayList<>();
    errors.add(
        new EvaluationError(
            "token.password-expiring-soon",
            subject(SAAS_ACR + "/tokens/client-e-pull", "client-e-pull", "token", SUB_PROD),
            "no such key: expiry"));
    if (hostile) {
      // A right-to-left override makes "evil...\u202Egpj.exe" read as "evil...exe.jpg".
      String evilName = "evil" + SCRIPT + IMG + BIDI_OVERRIDE + "gpj.exe";
      String evilId = RG + "/providers/Microsoft.ContainerRegistry/registries/" + evilName;
      findings.add(
          new Finding(
              "registry.admin-user-enabled",
              "Admin user enabled",
              Severity.HIGH,
              subject(evilId, evilName, "registry", SUB_PROD),
              "Message with " + SCRIPT + " and " + IMG,
              evidence("adminUserEnabled", true, "note", SCRIPT, "callers", List.of(IMG, "10.0.0.1")),
              new Remediation("Disable it " + IMG, List.of("az acr update --name '" + SCRIPT + "' --admin-enabled false")),
              List.of(new Reference("guidance", null, "Unsafe " + SCRIPT, "javascript:window.__pwned=1")),
              Fingerprint.of("registry.admin-user-enabled", "registry", evilId)));
      matrix.add(
          new AccessPath(evilId, evilName, IMG, "00000000-0000-0000-0000-00000000beef", "ServicePrincipal",
              "rbac", "AcrPull " + SCRIPT, evilId, "registry", false, null));
      errors.add(new EvaluationError("cluster.local-accounts", subject(evilId, evilName, "cluster", SUB_PROD), SCRIPT));
    }

    Coverage coverage =
        new Coverage(
            List.of(
                new Coverage.AuditedSubscription(SUB_PROD, "Contoso SaaS Production", TENANT, "Enabled"),
                new Coverage.AuditedSubscription(SUB_SHARED, "Contoso Shared Services", TENANT, "Enabled")),
            new Coverage.LogWindow("2026-10-24T00:00:00Z", "2026-11-23T00:00:00Z"),
            List.of("/subscriptions/" + SUB_SHARED + "/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-contoso-security"),
            List.of(
                new Coverage.Gap("/subscriptions/" + SUB_SANDBOX, "subscription", "Microsoft.ContainerRegistry/registries/read", 403,
                    "AuthorizationFailed",
                    "The client does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/read' over scope '/subscriptions/" + SUB_SANDBOX + "'"),
                new Coverage.Gap("law-contoso-security", "table", "ContainerRegistryRepositoryEvents", 400, "BadArgumentError",
                    hostile ? "Table not found " + SCRIPT : "'ContainerRegistryRepositoryEvents' could not be resolved to a table")));

    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    Map<String, Integer> bySeverity = new LinkedHashMap<>();
    counts.forEach((s, n) -> bySeverity.put(s.label(), n));
    List<Summary.RuleCount> byRule =
        findings.stream()
            .collect(Collectors.groupingBy(Finding::ruleId, LinkedHashMap::new, Collectors.toList()))
            .values().stream()
            .map(fs -> new Summary.RuleCount(fs.get(0).ruleId(), fs.get(0).title(), fs.get(0).severity(), fs.size()))
            .toList();

    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("token.expiringSoonDays", 30);
    parameters.put("token.maxPasswordAgeDays", 90);
    parameters.put("activity.lookbackDays", 30);
    parameters.put("failOn", "high");

    RunMetadata run =
        new RunMetadata(
            "20261123T020000Z-8f3a",
            "0.1.0",
            "2026-11-23T02:00:00Z",
            "2026-11-23T02:03:17Z",
            TENANT,
            "azure",
            "2026-11-23T02:01:48Z",
            "5d41402abc4b2a76b9719d911017c592aa3f1e5ad2b37b5e0c1e0f1a2b3c4d5e",
            "sha256:0e4f1c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f",
            "2026-10-24T00:00:00Z",
            "2026-11-23T00:00:00Z",
            parameters);

    return new AuditResult(
        run,
        new Summary(findings.size(), bySeverity, byRule, 42, errors.size(), coverage.gaps().size()),
        findings,
        errors,
        coverage,
        RegistryAccessPaths.of(matrix),
        rules(),
        comparison(run, findings, bySeverity, hostile));
  }

  private static RunComparison comparison(
      RunMetadata run, List<Finding> findings, Map<String, Integer> bySeverity, boolean hostile) {
    Map<String, FindingHistory> history = new LinkedHashMap<>();
    // Only the fixed findings: the hostile one is left out of the history on purpose.
    for (Finding f : findings()) {
      history.put(
          f.fingerprint(),
          NEW_FINDING_SUBJECTS.contains(f.subject().name())
              ? new FindingHistory(FindingHistory.NEW, run.startedAt())
              : new FindingHistory(FindingHistory.OPEN, FIRST_SEEN));
    }
    String expiringToken = SAAS_ACR + "/tokens/client-e-pull";
    List<PastFinding> resolved = new ArrayList<>();
    resolved.add(
        new PastFinding(Fingerprint.of("registry.anonymous-pull-enabled", "registry", PLATFORM_ACR),
            "registry.anonymous-pull-enabled", "Anonymous pull enabled", Severity.HIGH, "contosoplatformacr", PLATFORM_ACR,
            "2026-10-02T02:03:44Z"));
    resolved.add(
        new PastFinding(Fingerprint.of("token.password-expiring-soon", "token", expiringToken),
            "token.password-expiring-soon", "Token password expires soon", Severity.LOW, "client-e-pull", expiringToken,
            "2026-11-20T02:02:51Z"));
    if (hostile) {
      String evil = SAAS_ACR + "/tokens/" + SCRIPT;
      resolved.add(
          new PastFinding(Fingerprint.of("token.scope-map-write", "token", evil), "token.scope-map-write",
              "Title " + IMG, Severity.HIGH, "token " + SCRIPT, evil, "2026-11-21T02:03:05Z"));
    }
    List<PastFinding> notReassessed =
        List.of(
            new PastFinding(Fingerprint.of("registry.admin-user-enabled", "registry", SANDBOX_ACR),
                "registry.admin-user-enabled", "Admin user enabled", Severity.HIGH, "fabrikamsandboxacr", SANDBOX_ACR,
                "2026-10-02T02:03:44Z"));
    List<TrendPoint> trend =
        List.of(
            new TrendPoint("20261120T020000Z-1a2b", "2026-11-20T02:02:51Z", severities(2, 3, 1, 2, 1)),
            new TrendPoint(hostile ? "20261121T020000Z-" + SCRIPT : "20261121T020000Z-3c4d", "2026-11-21T02:03:05Z",
                severities(1, 4, 1, 2, 1)),
            new TrendPoint(PREVIOUS_RUN, PREVIOUS_RUN_FINISHED, severities(1, 4, 1, 1, 1)),
            new TrendPoint(run.runId(), run.finishedAt(), bySeverity));
    return new RunComparison(PREVIOUS_RUN, PREVIOUS_RUN_FINISHED, history, resolved, notReassessed, trend);
  }

  private static Map<String, Integer> severities(int critical, int high, int medium, int low, int info) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("critical", critical);
    counts.put("high", high);
    counts.put("medium", medium);
    counts.put("low", low);
    counts.put("info", info);
    return counts;
  }

  static SubjectRef subject(String id, String name, String kind, String subscription) {
    String rg = id.contains("/resourceGroups/") ? id.split("/")[4] : null;
    return new SubjectRef(id, name, kind, subscription, rg, TENANT);
  }

  static Map<String, Object> evidence(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static Finding finding(
      String ruleId, String title, Severity severity, SubjectRef subject, String message,
      Map<String, Object> evidence, Remediation remediation, Reference... refs) {
    return new Finding(ruleId, title, severity, subject, message, evidence, remediation, Arrays.asList(refs),
        Fingerprint.of(ruleId, subject.kind(), subject.resourceId()));
  }

  private static List<Finding> findings() {
    SubjectRef saas = subject(SAAS_ACR, "contososaasacr", "registry", SUB_PROD);
    String ciOwnerAssignment = SAAS_ACR + "/providers/Microsoft.Authorization/roleAssignments/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    String minterAssignment = RG + "/providers/Microsoft.Authorization/roleAssignments/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
    String adminToken = SAAS_ACR + "/tokens/legacy-deploy";
    String expiredToken = SAAS_ACR + "/tokens/client-c-pull";
    String clientCluster =
        "/subscriptions/" + SUB_PROD + "/resourceGroups/rg-clientd/providers/Microsoft.ContainerService/managedClusters/aks-clientd-prod";
    String spClientB = "/servicePrincipals/4d5e6f70-8192-4a3b-bc4d-5e6f70819203";

    Map<String, Object> tokenEvidence = new LinkedHashMap<>();
    tokenEvidence.put("status", "enabled");
    tokenEvidence.put("scopeMap", "_repositories_admin");
    tokenEvidence.put("actions", List.of("repositories/*/content/read", "repositories/*/content/write", "repositories/*/content/delete"));
    tokenEvidence.put("passwords", List.of(Map.of("name", "password1", "expiry", "(none)")));
    tokenEvidence.put("unknownField", null);

    return List.of(
        finding("roleAssignment.pull-identity-beyond-pull", "Pull-only identity holds a role that grants more than pull",
            Severity.CRITICAL, subject(ciOwnerAssignment, "sp-ci-legacy → Owner", "roleAssignment", SUB_PROD),
            "Service principal 'sp-ci-legacy' only pulls (412 pulls, 0 pushes in 30 days) but holds Owner on registry contososaasacr.",
            evidence("role", "Owner", "roleDefinitionId", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "scope", SAAS_ACR,
                "pulls", 412, "pushes", 0, "lastSeen", Instant.parse("2026-11-22T23:41:09Z")),
            new Remediation("Replace the Owner assignment with AcrPull at registry scope, then remove Owner.",
                List.of(
                    "az role assignment create --assignee 0c1d2e3f-4a5b-4c6d-8e7f-90a1b2c3d4e5 --role AcrPull --scope " + SAAS_ACR,
                    "az role assignment delete --ids " + ciOwnerAssignment)),
            LEARN_ROLES, MCSB_PA7),
        finding("roleAssignment.pull-identity-beyond-pull", "Pull-only identity holds a role that grants more than pull",
            Severity.CRITICAL, subject(minterAssignment, "mi-clientd-tokenminter → Contributor", "roleAssignment", SUB_PROD),
            "Managed identity 'mi-clientd-tokenminter' holds Contributor on resource group rg-saas-registry, which covers contososaasacr.",
            evidence("role", "Contributor", "scopeLevel", "resourceGroup", "grants", List.of("pull", "push", "delete", "manage")),
            new Remediation("Grant AcrPull on the registry only.",
                List.of("az role assignment delete --ids " + minterAssignment)),
            LEARN_ROLES),
        finding("registry.admin-user-enabled", "Admin user enabled and shared between clients", Severity.HIGH, saas,
            "The admin user of contososaasacr is enabled and was used from 3 distinct IP addresses in the last 30 days.",
            evidence("adminUserEnabled", true, "distinctCallerIps", 3,
                "callerIps", List.of("20.61.14.2", "52.174.9.88", "98.12.4.201")),
            new Remediation("Give each client its own identity or repository-scoped token, then disable the admin user.",
                List.of("az acr update --name contososaasacr --admin-enabled false")),
            LEARN_ADMIN, MCSB_IM1, POLICY_ADMIN),
        finding("token.scope-map-write", "Token bound to an admin or write scope map", Severity.HIGH,
            subject(adminToken, "legacy-deploy", "token", SUB_PROD),
            "Token 'legacy-deploy' is bound to _repositories_admin: it can push and delete every repository.",
            tokenEvidence,
            new Remediation("Bind the token to a scope map that only reads the repositories it needs.",
                List.of(
                    "az acr scope-map create --name legacy-deploy-read --registry contososaasacr --repository app content/read",
                    "az acr token update --name legacy-deploy --registry contososaasacr --scope-map legacy-deploy-read")),
            LEARN_TOKENS),
        finding("token.all-passwords-expired", "Enabled token whose passwords have all expired", Severity.MEDIUM,
            subject(expiredToken, "client-c-pull", "token", SUB_PROD),
            "Token 'client-c-pull' is enabled but both passwords expired (last on 2026-11-02).",
            evidence("status", "enabled", "password1.expiry", "2026-10-15T00:00:00Z", "password2.expiry", "2026-11-02T00:00:00Z"),
            new Remediation("Disable the token, or issue a new password and update the client's pull secret.",
                List.of("az acr token update --name client-c-pull --registry contososaasacr --status disabled")),
            LEARN_TOKENS),
        finding("cluster.pull-authorization-failures", "Image pulls failing with 401 Unauthorized", Severity.MEDIUM,
            subject(clientCluster, "aks-clientd-prod", "cluster", SUB_PROD),
            "37 image pulls from contososaasacr.azurecr.io failed with 401 Unauthorized; the pull secret likely holds an expired token.",
            evidence("count", 37, "image", "contososaasacr.azurecr.io/clientd/api:2.14.1", "reason", "Failed",
                "messageSample", "failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized"),
            new Remediation("Attach the registry to the cluster so the kubelet identity pulls with AcrPull, then remove the imagePullSecret.",
                List.of("az aks update --name aks-clientd-prod --resource-group rg-clientd --attach-acr " + SAAS_ACR)),
            LEARN_ROLES),
        finding("principal.secret-expiring", "Service principal secret expires soon", Severity.LOW,
            subject(spClientB, "sp-client-b-pull", "principal", null),
            "The client secret of 'sp-client-b-pull' expires on 2026-12-03 (in 10 days); client B will lose access.",
            evidence("endDateTime", "2026-12-03T09:30:00Z", "daysLeft", 10, "appId", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                "homeTenant", CLIENT_TENANT),
            new Remediation("Rotate the secret with the client, or move them to workload identity federation.",
                List.of("az ad app credential reset --id a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d --append --years 1")),
            MCSB_IM1),
        finding("coverage.gap", "Part of the estate could not be read", Severity.INFO,
            subject("/subscriptions/" + SUB_SANDBOX, "Fabrikam Client Sandbox", "coverageGap", SUB_SANDBOX),
            "Registries in subscription " + SUB_SANDBOX + " could not be listed (403 AuthorizationFailed).",
            evidence("status", 403, "operation", "Microsoft.ContainerRegistry/registries/read"),
            new Remediation("Grant the auditor's identity Reader on the subscription.", List.of())));
  }

  private static List<AccessPath> accessMatrix() {
    String sub = "/subscriptions/" + SUB_PROD;
    return List.of(
        new AccessPath(SAAS_ACR, "contososaasacr", "aks-clienta-prod-agentpool", "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
            "ManagedIdentity", "rbac", "AcrPull", SAAS_ACR, "registry", false, "2026-11-22T23:58:12Z"),
        new AccessPath(SAAS_ACR, "contososaasacr", "sp-client-b-pull", "4d5e6f70-8192-4a3b-bc4d-5e6f70819203",
            "ServicePrincipal", "rbac", "AcrPull", SAAS_ACR, "registry", false, "2026-11-21T10:04:55Z"),
        new AccessPath(SAAS_ACR, "contososaasacr", "contososaasacr (admin user)", null, "AdminUser", "admin-user",
            "admin", SAAS_ACR, "registry", true, "2026-11-22T18:40:01Z"),
        new AccessPath(SAAS_ACR, "contososaasacr", "client-c-pull", SAAS_ACR + "/tokens/client-c-pull", "Token", "token",
            "_repositories_pull", SAAS_ACR + "/scopeMaps/_repositories_pull", "registry", false, "2026-11-01T22:10:00Z"),
        new AccessPath(SAAS_ACR, "contososaasacr", "legacy-deploy", SAAS_ACR + "/tokens/legacy-deploy", "Token", "token",
            "_repositories_admin", SAAS_ACR + "/scopeMaps/_repositories_admin", "registry", true, null),
        new AccessPath(SAAS_ACR, "contososaasacr", "mi-clientd-tokenminter", "8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d",
            "ManagedIdentity", "rbac", "Contributor", RG, "resourceGroup", true, "2026-11-20T07:15:43Z"),
        new AccessPath(SAAS_ACR, "contososaasacr", "sp-ci-build", "1f2e3d4c-5b6a-4978-8877-665544332201",
            "ServicePrincipal", "rbac", "AcrPush", SAAS_ACR, "registry", true, "2026-11-22T16:02:31Z"),
        new AccessPath(SAAS_ACR, "contososaasacr", "sp-ci-legacy", "0c1d2e3f-4a5b-4c6d-8e7f-90a1b2c3d4e5",
            "ServicePrincipal", "rbac", "Owner", sub, "subscription", true, "2026-11-22T23:41:09Z"),
        new AccessPath(PLATFORM_ACR, "contosoplatformacr", "aks-platform-prod-agentpool", "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d",
            "ManagedIdentity", "abac-repository", "Container Registry Repository Reader", PLATFORM_ACR, "registry", false,
            "2026-11-22T23:59:30Z"),
        new AccessPath(PLATFORM_ACR, "contosoplatformacr", "Platform Engineers", "3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912",
            "Group", "rbac", "AcrPull", "/subscriptions/" + SUB_SHARED + "/resourceGroups/rg-platform", "resourceGroup",
            false, null));
  }

  private static List<AppliedRule> rules() {
    return List.of(
        new AppliedRule("registry.admin-user-enabled", "Admin user enabled", Severity.HIGH, "registry",
            "The admin user is a single shared credential with push and pull on every repository; it cannot be scoped, attributed or revoked per client.",
            List.of(LEARN_ADMIN, MCSB_IM1, POLICY_ADMIN), Map.of("sharedCallerIps", 2)),
        new AppliedRule("roleAssignment.pull-identity-beyond-pull", "Pull-only identity holds a role that grants more than pull",
            Severity.CRITICAL, "roleAssignment",
            "An identity that only pulls images should hold AcrPull. Anything more lets a compromised cluster or pipeline push or delete images that other clients run.",
            List.of(LEARN_ROLES, MCSB_PA7), Map.of()),
        new AppliedRule("token.scope-map-write", "Token bound to an admin or write scope map", Severity.HIGH, "token",
            "Repository tokens given to clients should read only the repositories they need.", List.of(LEARN_TOKENS), Map.of()),
        new AppliedRule("token.all-passwords-expired", "Enabled token whose passwords have all expired", Severity.MEDIUM, "token",
            "An enabled token with no valid password is dead weight, and usually a client whose pulls are failing.",
            List.of(LEARN_TOKENS), Map.of()),
        new AppliedRule("token.password-expiring-soon", "Token password expires soon", Severity.LOW, "token",
            "A client loses access when its token password expires.", List.of(LEARN_TOKENS),
            Map.of("expiringSoonDays", 30)),
        new AppliedRule("cluster.pull-authorization-failures", "Image pulls failing with 401 Unauthorized", Severity.MEDIUM,
            "cluster", "401 pull failures are the sign of an expired token in an imagePullSecret.", List.of(LEARN_ROLES),
            Map.of("lookbackDays", 30)),
        new AppliedRule("principal.secret-expiring", "Service principal secret expires soon", Severity.LOW, "principal",
            "A client pulling with a service principal loses access when its secret expires.", List.of(MCSB_IM1),
            Map.of("expiringSoonDays", 30)),
        new AppliedRule("coverage.gap", "Part of the estate could not be read", Severity.INFO, "coverageGap",
            "What the audit could not read is a blind spot, not a pass.", List.of(), Map.of()));
  }
}
