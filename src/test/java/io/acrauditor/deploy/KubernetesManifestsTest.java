package io.acrauditor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.AcrAuditorApplication;
import io.acrauditor.cli.AcrAuditorCommand;
import io.acrauditor.cli.ExitCodes;
import io.acrauditor.findings.Severity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParseResult;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docker/k8s read with the fabric8 Kubernetes model, as the API server would read it: the nightly
 * CronJob's schedule and failure handling, the workload identity wiring, the pod hardening, which
 * paths are writable, and that the arguments the ConfigMap hands the container are ones the
 * auditor's own command line accepts.
 */
class KubernetesManifestsTest {
  private static final Path K8S = Repo.file("docker/k8s");
  private static final Map<String, HasMetadata> BY_FILE = new LinkedHashMap<>();
  private static Map<String, Object> kustomization;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws IOException {
    KubernetesSerialization serialization = new KubernetesSerialization();
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        if (file.getFileName().toString().equals("kustomization.yaml")) {
          kustomization = YAMLMapper.builder().build().readValue(Files.readString(file), Map.class);
          continue;
        }
        try (InputStream in = Files.newInputStream(file)) {
          Object parsed = serialization.unmarshal(in);
          assertThat(parsed).as("%s is one Kubernetes object", file.getFileName()).isInstanceOf(HasMetadata.class);
          BY_FILE.put(file.getFileName().toString(), (HasMetadata) parsed);
        }
      }
    }
    assertThat(kustomization).as("docker/k8s/kustomization.yaml").isNotNull();
  }

  private static <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = BY_FILE.values().stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("exactly one %s in docker/k8s", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  private static CronJob cronJob() {
    return one(CronJob.class);
  }

  private static PodSpec pod() {
    return cronJob().getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
  }

  private static Container auditor() {
    assertThat(pod().getContainers()).as("one container, no sidecar").hasSize(1);
    assertThat(pod().getInitContainers()).isNullOrEmpty();
    return pod().getContainers().get(0);
  }

  @Test
  void everyFieldIsOneKubernetesKnows() throws Exception {
    // fabric8 keeps a field it does not know (a typo such as readOnlyRootFileSystem) in
    // additionalProperties instead of failing; the API server would drop or reject it.
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, HasMetadata> e : BY_FILE.entrySet()) {
      collectUnknownFields(e.getValue(), e.getKey(), unknown);
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void kustomizationAppliesEveryManifest() throws IOException {
    @SuppressWarnings("unchecked")
    List<String> resources = (List<String>) kustomization.get("resources");
    assertThat(resources).as("kustomization resources").containsExactlyInAnyOrderElementsOf(BY_FILE.keySet());
    assertThat(kustomization.get("namespace")).isEqualTo(one(Namespace.class).getMetadata().getName());
    // The image the CronJob names is the one "kustomize edit set image" rewrites.
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> images = (List<Map<String, Object>>) kustomization.get("images");
    assertThat(images).extracting(i -> (Object) i.get("name"))
        .contains(auditor().getImage().replaceFirst(":[^:/]*$", ""));
  }

  @Test
  void runsNightlyOneAtATimeWithinDeadlines() {
    var spec = cronJob().getSpec();
    assertThat(spec.getSchedule().trim().split("\\s+")).as("five-field cron schedule").hasSize(5);
    assertThat(spec.getTimeZone()).isNotBlank();
    assertThat(spec.getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(spec.getStartingDeadlineSeconds()).isPositive();
    assertThat(spec.getSuccessfulJobsHistoryLimit()).isPositive();
    assertThat(spec.getFailedJobsHistoryLimit()).isPositive();
    assertThat(spec.getSuspend()).isNotEqualTo(Boolean.TRUE);

    JobSpec job = spec.getJobTemplate().getSpec();
    // Killed well before the next nightly run is due.
    assertThat(job.getActiveDeadlineSeconds()).isPositive().isLessThan(24 * 3600L);
    assertThat(job.getBackoffLimit()).isNotNull().isBetween(0, 5);
    assertThat(job.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void findingsAndBadInputFailTheJobAtOnceWhileInfrastructureFailuresAreRetried() {
    List<PodFailurePolicyRule> rules =
        cronJob().getSpec().getJobTemplate().getSpec().getPodFailurePolicy().getRules();
    List<PodFailurePolicyRule> onExit = rules.stream().filter(r -> r.getOnExitCodes() != null).toList();
    assertThat(onExit).allSatisfy(r -> {
      assertThat(r.getOnExitCodes().getContainerName()).isEqualTo(auditor().getName());
      assertThat(r.getOnExitCodes().getOperator()).isEqualTo("In");
    });
    Map<String, List<Integer>> codesByAction = onExit.stream().collect(Collectors.toMap(
        PodFailurePolicyRule::getAction, r -> r.getOnExitCodes().getValues()));
    // Findings and bad input would only repeat: fail at once. Infrastructure may recover: retry.
    assertThat(codesByAction.get("FailJob")).containsExactlyInAnyOrder(ExitCodes.FINDINGS, ExitCodes.BAD_INPUT);
    assertThat(codesByAction.get("Count")).containsExactly(ExitCodes.INFRASTRUCTURE);
    assertThat(codesByAction).doesNotContainKey("Ignore");
  }

  @Test
  void podUsesWorkloadIdentityAndNoKubernetesApiToken() {
    ServiceAccount sa = one(ServiceAccount.class);
    assertThat(sa.getMetadata().getAnnotations()).containsKey("azure.workload.identity/client-id");
    assertThat(sa.getMetadata().getAnnotations().get("azure.workload.identity/client-id")).isNotBlank();

    var template = cronJob().getSpec().getJobTemplate().getSpec().getTemplate();
    assertThat(template.getMetadata().getLabels()).containsEntry("azure.workload.identity/use", "true");
    assertThat(pod().getServiceAccountName()).isEqualTo(sa.getMetadata().getName());
    // The webhook projects its own token for Entra; the Kubernetes API token is never needed.
    assertThat(pod().getAutomountServiceAccountToken()).isFalse();
    assertThat(sa.getAutomountServiceAccountToken()).isFalse();
    // The image's ENTRYPOINT must run: a command here would bypass its JVM settings.
    assertThat(auditor().getCommand()).isNullOrEmpty();
  }

  @Test
  void deploymentDocNamesTheFederatedSubjectOfThisServiceAccount() throws IOException {
    String subject = "system:serviceaccount:" + kustomization.get("namespace") + ":"
        + one(ServiceAccount.class).getMetadata().getName();
    assertThat(Files.readString(Repo.file("docs/deployment.md"))).contains(subject);
  }

  @Test
  void podAndContainerAreHardened() throws IOException {
    PodSecurityContext pod = pod().getSecurityContext();
    assertThat(pod.getRunAsNonRoot()).isTrue();
    // The same numeric user and group the image declares.
    String[] imageUser = Dockerfile.read(Repo.file("docker/Dockerfile")).lastInFinalStage("USER").args().split(":");
    assertThat(pod.getRunAsUser()).isEqualTo(Long.parseLong(imageUser[0]));
    assertThat(pod.getRunAsGroup()).isEqualTo(Long.parseLong(imageUser[imageUser.length - 1]));
    assertThat(pod.getFsGroup()).isEqualTo(pod.getRunAsGroup());
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod().getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod().getHostPID()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod().getHostIPC()).isNotEqualTo(Boolean.TRUE);

    SecurityContext c = auditor().getSecurityContext();
    assertThat(c.getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(c.getRunAsNonRoot()).isNotEqualTo(Boolean.FALSE);
    assertThat(c.getRunAsUser()).as("container does not override the pod's user").isNull();
    assertThat(c.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(c.getSeccompProfile() == null || "RuntimeDefault".equals(c.getSeccompProfile().getType())).isTrue();

    var resources = auditor().getResources();
    assertThat(resources.getRequests()).containsKeys("cpu", "memory");
    assertThat(resources.getLimits()).containsKeys("cpu", "memory");
  }

  @Test
  void onlyReportsAndTmpAreWritable() {
    Map<String, Volume> volumes =
        pod().getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
    Map<String, VolumeMount> mounts =
        auditor().getVolumeMounts().stream().collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));

    VolumeMount reports = mounts.get("/reports");
    assertThat(reports).as("/reports mounted").isNotNull();
    assertThat(reports.getReadOnly()).isNotEqualTo(Boolean.TRUE);
    Volume reportsVolume = volumes.get(reports.getName());
    assertThat(reportsVolume.getPersistentVolumeClaim().getClaimName())
        .as("reports and history outlive the pod")
        .isEqualTo(one(PersistentVolumeClaim.class).getMetadata().getName());
    assertThat(auditor().getEnv())
        .anySatisfy(env -> {
          assertThat(env.getName()).isEqualTo("ACR_AUDITOR_REPORTS_DIR");
          assertThat(env.getValue()).isEqualTo("/reports");
        });

    VolumeMount tmp = mounts.get("/tmp");
    assertThat(tmp).as("/tmp mounted").isNotNull();
    assertThat(volumes.get(tmp.getName()).getEmptyDir()).as("/tmp is an emptyDir").isNotNull();

    assertThat(mounts.values())
        .filteredOn(m -> !m.getMountPath().equals("/reports") && !m.getMountPath().equals("/tmp"))
        .allSatisfy(m -> assertThat(m.getReadOnly()).as("%s read-only", m.getMountPath()).isTrue());
    assertThat(volumes.values()).noneMatch(v -> v.getHostPath() != null);
  }

  @Test
  void containerArgumentsAreAnAuditTheCliAccepts(@TempDir Path dir) throws Exception {
    Path argsFile = argsFileAsMounted(dir);
    // The container's one argument, "@<mount>/<key>", with the ConfigMap's text at that path.
    ParseResult parsed = productionCommandLine().parseArgs("@" + argsFile);
    ParseResult audit = parsed.subcommand();
    assertThat(audit).as("a subcommand").isNotNull();
    assertThat(audit.commandSpec().name()).isEqualTo("audit");
    assertThat(audit.hasMatchedOption("--all-subscriptions") || audit.hasMatchedOption("--subscription"))
        .as("a live Azure scope").isTrue();
    String failOn = audit.matchedOptionValue("--fail-on", "high");
    assertThat(Severity.parse(failOn)).isNotNull();
  }

  @Test
  void commentedAlternativesAreValidArgumentsToo(@TempDir Path dir) throws Exception {
    // An operator uncomments a "# --option" / "# value" pair: that must parse as well. Prose
    // comments have spaces; a comment that is one word is an argument.
    String args = configMapArgs();
    List<String> uncommented = new ArrayList<>();
    for (String line : args.lines().toList()) {
      String t = line.strip();
      if (t.startsWith("#") && t.substring(1).strip().matches("\\S+")) {
        uncommented.add(t.substring(1).strip());
      } else if (!t.equals("--all-subscriptions")) {
        uncommented.add(line);
      }
    }
    assertThat(uncommented).as("alternatives to try").contains("--subscription");
    Path file = Files.writeString(dir.resolve("audit.args"), String.join("\n", uncommented) + "\n");
    ParseResult audit = productionCommandLine().parseArgs("@" + file).subcommand();
    assertThat(audit.commandSpec().name()).isEqualTo("audit");
    assertThat(audit.hasMatchedOption("--subscription")).isTrue();
  }

  /** The ConfigMap key the container's "@file" argument points at, through its volume mount. */
  private static Path argsFileAsMounted(Path dir) throws IOException {
    List<String> args = auditor().getArgs();
    assertThat(args).as("container args: one picocli argument file").hasSize(1);
    assertThat(args.get(0)).startsWith("@");
    Path inPod = Path.of(args.get(0).substring(1));

    VolumeMount mount = auditor().getVolumeMounts().stream()
        .filter(m -> inPod.getParent().equals(Path.of(m.getMountPath())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume mounted at " + inPod.getParent()));
    Volume volume = pod().getVolumes().stream()
        .filter(v -> v.getName().equals(mount.getName()))
        .findFirst()
        .orElseThrow();
    ConfigMap configMap = one(ConfigMap.class);
    assertThat(volume.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
    assertThat(volume.getConfigMap().getItems()).as("keys mounted under their own names").isNullOrEmpty();
    String key = inPod.getFileName().toString();
    assertThat(configMap.getData()).containsKey(key);
    return Files.writeString(dir.resolve(key), configMap.getData().get(key));
  }

  private static String configMapArgs() {
    return one(ConfigMap.class).getData().get("audit.args");
  }

  /**
   * The command line the application itself builds (same commands, same @file handling), with
   * the Spring beans the commands would get at run time left out: parsing never calls them.
   */
  private static CommandLine productionCommandLine() throws Exception {
    IFactory factory = new WithoutBeans();
    Constructor<?> constructor = AcrAuditorApplication.class.getDeclaredConstructors()[0];
    Object[] args = Arrays.stream(constructor.getParameterTypes())
        .map(t -> t == IFactory.class ? factory : t == AcrAuditorCommand.class ? new AcrAuditorCommand() : null)
        .toArray();
    constructor.setAccessible(true);
    return ((AcrAuditorApplication) constructor.newInstance(args)).newCommandLine();
  }

  /** picocli's own factory, and for a command that wants Spring beans, its constructor with none. */
  private static final class WithoutBeans implements IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return CommandLine.defaultFactory().create(type);
      } catch (Exception noDefaultConstructor) {
        Constructor<?> c = Arrays.stream(type.getDeclaredConstructors())
            .min(Comparator.comparingInt(Constructor::getParameterCount))
            .orElseThrow(() -> noDefaultConstructor);
        c.setAccessible(true);
        Object[] none = Arrays.stream(c.getParameterTypes()).map(KubernetesManifestsTest::zero).toArray();
        return type.cast(c.newInstance(none));
      }
    }
  }

  private static Object zero(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    return type == boolean.class ? false : type == char.class ? '\0' : (Object) 0;
  }

  private static void collectUnknownFields(Object node, String path, List<String> out) throws Exception {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknownFields(item, path + "[" + i++ + "]", out);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        collectUnknownFields(e.getValue(), path + "." + e.getKey(), out);
      }
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (InvocationTargetException e) {
        out.add(path + "." + getter.getName() + ": " + e.getCause());
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          out.add(path + ": unknown " + extra.keySet());
        }
      } else {
        String name = getter.getName().substring(3);
        collectUnknownFields(value, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), out);
      }
    }
  }
}
