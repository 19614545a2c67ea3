package io.acrauditor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.deploy.Dockerfile.Instruction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The container build, checked without a Docker engine: the scripts pass shellcheck, and the
 * Dockerfile and .dockerignore keep the promises the image makes (non-root, no secrets, no build
 * cache in a layer, a build context with the sources and nothing else).
 */
class ContainerLintTest {
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL).*");

  @Test
  void scriptsPassShellcheck() throws Exception {
    Repo.requireTool(Repo.onPath("shellcheck"), "shellcheck is not installed (Debian package shellcheck)");
    Process p = new ProcessBuilder("shellcheck", "docker/entrypoint.sh", ".ci/run")
        .directory(Repo.root().toFile())
        .redirectErrorStream(true)
        .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("shellcheck finished").isTrue();
    assertThat(p.exitValue()).as("shellcheck docker/entrypoint.sh .ci/run:%n%s", output).isZero();
  }

  @Test
  void finalStageRunsAsNumericNonRootUser() throws IOException {
    Dockerfile dockerfile = Dockerfile.read(Repo.file("docker/Dockerfile"));
    assertThat(dockerfile.stages()).as("multi-stage build").hasSizeGreaterThanOrEqualTo(2);
    Instruction user = dockerfile.lastInFinalStage("USER");
    assertThat(user).as("USER in the final stage").isNotNull();
    // Numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
    Matcher m = Pattern.compile("(\\d+)(?::(\\d+))?").matcher(user.args());
    assertThat(m.matches()).as("USER %s is a numeric uid[:gid]", user.args()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).as("uid").isPositive();
    if (m.group(2) != null) {
      assertThat(Integer.parseInt(m.group(2))).as("gid").isPositive();
    }
  }

  @Test
  void entrypointIsTheScriptInExecForm() throws IOException {
    Dockerfile dockerfile = Dockerfile.read(Repo.file("docker/Dockerfile"));
    Instruction entrypoint = dockerfile.lastInFinalStage("ENTRYPOINT");
    assertThat(entrypoint).isNotNull();
    // Exec form: the script is PID 1's command and its exec hands PID 1 and the exit code to java.
    assertThat(entrypoint.execForm()).containsExactly("/app/entrypoint.sh");
    assertThat(dockerfile.finalStage())
        .filteredOn(i -> i.keyword().equals("COPY") && i.flags().stream().noneMatch(f -> f.startsWith("--from")))
        .extracting(Instruction::words)
        .contains(List.of("docker/entrypoint.sh", "/app/entrypoint.sh"));
    assertThat(dockerfile.lastInFinalStage("CMD").execForm()).as("default CMD").isNotEmpty();
  }

  @Test
  void noSecretsRemoteAddsOrPipedInstallers() throws IOException {
    Dockerfile dockerfile = Dockerfile.read(Repo.file("docker/Dockerfile"));
    List<String> problems = new ArrayList<>();
    for (Instruction i : dockerfile.all()) {
      switch (i.keyword()) {
        case "ADD" -> {
          if (i.words().stream().anyMatch(w -> w.matches("(?i)(https?|git)://.*|git@.*"))) {
            problems.add("line " + i.line() + ": ADD from a URL (unverified download into a layer)");
          }
        }
        case "ARG" -> {
          // A build argument is recorded in the image history, with or without a default.
          String name = i.args().split("=", 2)[0].strip();
          if (SECRET_NAME.matcher(name).matches()) {
            problems.add("line " + i.line() + ": ARG " + name + " looks like a secret");
          }
        }
        case "ENV" -> {
          for (String name : envNamesWithValues(i.args())) {
            if (SECRET_NAME.matcher(name).matches()) {
              problems.add("line " + i.line() + ": ENV " + name + " bakes a secret-looking value into the image");
            }
          }
        }
        case "RUN" -> {
          if (i.args().matches("(?is).*\\b(curl|wget)\\b[^|;&]*\\|\\s*(sudo\\s+)?(ba|da|z)?sh\\b.*")) {
            problems.add("line " + i.line() + ": downloads a script and pipes it into a shell");
          }
          if (i.args().contains("--mount=type=secret") && i.args().matches("(?s).*\\b(cp|cat)\\b.*/run/secrets.*")) {
            problems.add("line " + i.line() + ": copies a build secret out of its mount");
          }
        }
        default -> { }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void mavenCacheStaysOutOfLayers() throws IOException {
    Dockerfile dockerfile = Dockerfile.read(Repo.file("docker/Dockerfile"));
    List<Instruction> mavenRuns = dockerfile.all().stream()
        .filter(i -> i.keyword().equals("RUN") && i.args().matches("(?s).*\\b(mvnw|mvn)\\b.*"))
        .toList();
    assertThat(mavenRuns).as("the jar is built in the image").isNotEmpty();
    assertThat(mavenRuns).allSatisfy(run -> assertThat(run.flags())
        .as("line %d: ~/.m2 is a BuildKit cache mount, not a layer", run.line())
        .anyMatch(f -> f.startsWith("--mount=type=cache") && f.matches(".*target=[^,]*\\.m2.*")));
    assertThat(dockerfile.finalStage())
        .as("the runtime stage only receives the jar from the build stage")
        .filteredOn(i -> i.keyword().equals("COPY") && i.flags().stream().anyMatch(f -> f.startsWith("--from")))
        .allSatisfy(copy -> assertThat(copy.words().get(0)).endsWith(".jar"));
    assertThat(dockerfile.finalStage()).noneMatch(i -> mavenRuns.contains(i));
  }

  @Test
  void buildContextHasTheSourcesAndNothingElse() throws IOException {
    DockerIgnore ignore = new DockerIgnore(Repo.file(".dockerignore"));
    Dockerfile dockerfile = Dockerfile.read(Repo.file("docker/Dockerfile"));

    // Everything a COPY from the context names must reach the builder, every file of it.
    List<String> missing = new ArrayList<>();
    for (Instruction copy : dockerfile.all()) {
      if (!copy.keyword().equals("COPY") || copy.flags().stream().anyMatch(f -> f.startsWith("--from"))) {
        continue;
      }
      List<String> words = copy.words();
      for (String source : words.subList(0, words.size() - 1)) {
        Path path = Repo.file(source);
        assertThat(path).as("COPY source %s (line %d) exists", source, copy.line()).exists();
        try (Stream<Path> files = Files.walk(path)) {
          files.filter(Files::isRegularFile)
              .map(f -> Repo.root().relativize(f).toString().replace('\\', '/'))
              .filter(f -> !ignore.inContext(f))
              .forEach(missing::add);
        }
      }
    }
    assertThat(missing).as("files a COPY needs but .dockerignore leaves out").isEmpty();

    // What must never be sent: build output, local runs, history, editor files, credentials.
    assertThat(List.of(
            "target/acr-auditor.jar", "target/classes/application.properties", ".git/config", ".git",
            "out/20260101T000000Z/findings.json", "audit-reports/history/history.mv.db",
            "src/main/resources/target/x", ".idea/workspace.xml", "build.log", ".env", "deploy/prod.env",
            "src/test/java/io/acrauditor/deploy/ContainerLintTest.java"))
        .allSatisfy(path -> assertThat(ignore.inContext(path)).as("%s in the build context", path).isFalse());
  }

  /** Names in ENV KEY=VALUE ... or the legacy ENV KEY VALUE. */
  private static List<String> envNamesWithValues(String args) {
    List<String> names = new ArrayList<>();
    if (!args.matches("^[A-Za-z_][A-Za-z0-9_]*=.*")) {
      String[] legacy = args.split("\\s+", 2);
      if (legacy.length == 2 && !legacy[1].isBlank()) {
        names.add(legacy[0]);
      }
      return names;
    }
    Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S*)").matcher(args);
    while (m.find()) {
      String value = m.group(2);
      if (!value.isEmpty() && !value.equals("\"\"") && !value.equals("''")) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
