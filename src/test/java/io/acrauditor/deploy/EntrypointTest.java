package io.acrauditor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.AcrAuditorApplication;
import io.acrauditor.cli.ExitCodes;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's entry point, run the way the image runs it: docker/entrypoint.sh from a
 * read-only application directory, as the image's non-root user (UID 10001), with no usable HOME,
 * and only a reports directory and a temp directory writable; the arguments are the image's
 * default CMD, the CronJob's argument file (with the demo estate as its scope), and an on-demand
 * {@code audit --demo}.
 *
 * <p>{@code mvn test} builds no fat jar, so the application directory holds what the fat jar would
 * hold, laid out as a plain jar whose manifest names the compiled classes and dependency jars
 * beside it; the entry point runs it with {@code java -jar} exactly as it runs the real one
 * ({@code ACR_AUDITOR_JAR} is the only thing set differently). Dependency jars come from the test
 * class path, so test-only libraries are present too; the auditor does not look for them.
 */
class EntrypointTest {
  private static final int IMAGE_UID = 10001;
  private static final int IMAGE_GID = 10001;
  private static final List<String> RUN_FILES = List.of("findings.json", "report.html", "report.pdf", "snapshot.json");

  @TempDir static Path base;
  private static Path sandbox;
  private static Path app;
  private static Path reports;
  private static Path tmp;
  private static Path home;
  private static boolean root;

  @BeforeAll
  static void layOutContainer() throws Exception {
    Repo.requireTool(Repo.onPath("sh"), "no /bin/sh to run docker/entrypoint.sh");
    root = "0".equals(run("id", "-u").strip());
    if (root) {
      // Tests run as root in CI; the image never does.
      Repo.requireTool(Repo.onPath("setpriv"),
          "setpriv (util-linux) is needed to run the entry point as UID " + IMAGE_UID);
    }

    sandbox = Files.createDirectory(base.resolve("sandbox"));
    app = Files.createDirectory(sandbox.resolve("app"));
    reports = Files.createDirectory(sandbox.resolve("reports"));
    tmp = Files.createDirectory(sandbox.resolve("tmp"));
    home = Files.createDirectory(sandbox.resolve("home"));
    Path etc = Files.createDirectories(sandbox.resolve("etc/acr-auditor"));

    Files.copy(Repo.file("docker/entrypoint.sh"), app.resolve("entrypoint.sh"));
    Files.setPosixFilePermissions(app.resolve("entrypoint.sh"), PosixFilePermissions.fromString("r-xr-xr-x"));
    writeApplicationJar(app);

    // The CronJob's argument file, with the bundled demo estate in place of live Azure.
    String cronArgs = cronJobArgs().replace("--all-subscriptions", "--demo");
    assertThat(cronArgs).contains("--demo");
    Files.writeString(etc.resolve("audit.args"), cronArgs);

    // As in the image: everything root-owned and read-only, except the volume and /tmp.
    chmodRecursive(sandbox, "a-w");
    chmodRecursive(sandbox, "a+rX");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Path writable : List.of(reports, tmp)) {
      Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwx------"));
      if (root) {
        run("chown", IMAGE_UID + ":" + IMAGE_GID, writable.toString());
      }
    }
  }

  @Test
  void defaultCommandPrintsUsageAndExitsZero() throws Exception {
    List<String> cmd = Dockerfile.read(Repo.file("docker/Dockerfile")).lastInFinalStage("CMD").execForm();
    Result r = entrypoint(cmd);
    assertThat(r.exit()).as("exit code of %s%n%s", cmd, r).isZero();
    assertThat(r.stdout()).contains("Usage: acr-auditor");
  }

  @Test
  void cronJobArgumentFileAndDemoAuditWriteOnlyToTheReportsVolume() throws Exception {
    Map<String, String> before = tree(sandbox, reports, tmp);

    // Nightly: args ["@/etc/acr-auditor/audit.args"], the ConfigMap mounted read-only.
    Result nightly = entrypoint(List.of("@" + sandbox.resolve("etc/acr-auditor/audit.args")));
    assertThat(nightly.exit()).as("the CronJob's arguments (scope = demo)%n%s", nightly)
        .isEqualTo(ExitCodes.FINDINGS);
    assertThat(runFolders()).as("run folders under the reports volume").hasSize(1);
    // The run history lives on the same volume, so the next night can compare with this one:
    // the history must be set up from the argument file's contents, not from the "@file" word.
    assertThat(reports.resolve("history")).as("run history under the reports volume").isDirectory();

    // On demand: docker run ... acr-auditor audit --demo
    Result onDemand = entrypoint(List.of("audit", "--demo"));
    assertThat(onDemand.exit()).as("the demo estate has high findings: exit 1%n%s", onDemand)
        .isEqualTo(ExitCodes.FINDINGS);
    List<Path> runs = runFolders();
    assertThat(runs).as("a second run folder, beside the first").hasSize(2);
    for (Path run : runs) {
      for (String name : RUN_FILES) {
        assertThat(run.resolve(name)).as("%s in %s", name, run).isRegularFile().isNotEmptyFile();
      }
    }

    assertThat(tree(sandbox, reports, tmp)).as("nothing outside reports/ and tmp/ changed").isEqualTo(before);
    try (Stream<Path> homeFiles = Files.list(home)) {
      assertThat(homeFiles).as("nothing written to HOME").isEmpty();
    }
    if (root) {
      try (Stream<Path> written = Files.walk(reports)) {
        assertThat(written.filter(p -> !p.equals(reports)))
            .allSatisfy(p -> assertThat(Files.getAttribute(p, "unix:uid")).as("owner of %s", p).isEqualTo(IMAGE_UID));
      }
    }
  }

  private static List<Path> runFolders() throws IOException {
    try (Stream<Path> files = Files.walk(reports)) {
      return files.filter(p -> p.getFileName().toString().equals("findings.json"))
          .map(Path::getParent)
          .sorted()
          .toList();
    }
  }

  record Result(int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /** docker/entrypoint.sh as the container runs it: its user, its environment, its working directory. */
  private static Result entrypoint(List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    if (root) {
      command.addAll(List.of("setpriv", "--reuid=" + IMAGE_UID, "--regid=" + IMAGE_GID, "--clear-groups", "--"));
    }
    command.add(app.resolve("entrypoint.sh").toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(reports.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("ACR_AUDITOR_REPORTS_DIR", reports.toString());
    env.put("ACR_AUDITOR_JAR", app.resolve("acr-auditor.jar").toString());
    // The container's /tmp is this directory; the entry point's own flags stay as they are.
    env.put("JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
    Path out = Files.createTempFile(base, "stdout", ".txt");
    Path err = Files.createTempFile(base, "stderr", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("entry point did not finish in 5 minutes: " + command);
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /**
   * acr-auditor.jar: Main-Class and a Class-Path naming classes/ and lib/*.jar beside it, which
   * hold the compiled application and the dependency jars of this test run's class path.
   */
  private static void writeApplicationJar(Path app) throws IOException {
    Path lib = Files.createDirectory(app.resolve("lib"));
    List<String> classPath = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        // The application's compiled classes (and resources); test classes stay out.
        if (Files.isRegularFile(p.resolve(AcrAuditorApplication.class.getName().replace('.', '/') + ".class"))) {
          copyTree(p, app.resolve("classes"));
          classPath.add("classes/");
        }
      } else if (entry.endsWith(".jar") && Files.isRegularFile(p) && !p.getFileName().toString().startsWith("surefire")) {
        String name = String.format("%04d-%s", n++, p.getFileName());
        Files.copy(p, lib.resolve(name));
        classPath.add("lib/" + name);
      }
    }
    assertThat(classPath).as("application classes on the test class path").contains("classes/");
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, AcrAuditorApplication.class.getName());
    main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    try (OutputStream out = Files.newOutputStream(app.resolve("acr-auditor.jar"));
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      // The manifest is the whole jar.
    }
  }

  private static String cronJobArgs() throws IOException {
    String yaml = Files.readString(Repo.file("docker/k8s/configmap.yaml"));
    var configMap = new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
        .unmarshal(yaml, io.fabric8.kubernetes.api.model.ConfigMap.class);
    return configMap.getData().get("audit.args");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  /** Path, size and modification time of everything under dir except the writable directories. */
  private static Map<String, String> tree(Path dir, Path... writable) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> Stream.of(writable).noneMatch(p::startsWith))
          .collect(Collectors.toMap(
              p -> dir.relativize(p).toString(),
              p -> {
                try {
                  return Files.size(p) + "@" + Files.getLastModifiedTime(p);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              (a, b) -> a,
              TreeMap::new));
    }
  }

  private static void chmodRecursive(Path dir, String mode) throws Exception {
    run("chmod", "-R", mode, dir.toString());
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }
}
