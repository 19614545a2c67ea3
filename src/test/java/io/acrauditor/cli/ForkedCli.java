package io.acrauditor.cli;

import io.acrauditor.AcrAuditorApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real main class in a child JVM, on this test's class path, with its own reports root: for
 * what only a process shows (start-up failures, exit codes, stdout against stderr, SIGKILL).
 */
final class ForkedCli {
  private final Path home;
  private final Map<String, String> env = new java.util.HashMap<>();
  private final List<String> jvmOptions = new ArrayList<>();

  ForkedCli(Path home) {
    this.home = home;
  }

  /** A null value removes the variable. */
  ForkedCli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  ForkedCli jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** Starts the command; its stdout and stderr go to files named after {@code name} under home. */
  Started start(String name, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AcrAuditorApplication.class.getName());
    command.addAll(List.of(args));
    Path out = home.resolve(name + ".out");
    Path err = home.resolve(name + ".err");
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("ACR_AUDITOR_"));
    pb.environment().put(ReportsRoot.ENV, home.toString());
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    return new Started(pb.start(), out, err);
  }

  Finished run(String name, String... args) throws IOException, InterruptedException {
    return start(name, args).await();
  }

  record Started(Process process, Path out, Path err) {
    Finished await() throws IOException, InterruptedException {
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the command did not end within 180 s");
      }
      return new Finished(process.exitValue(), read(out), read(err));
    }

    String errSoFar() throws IOException {
      return read(err);
    }
  }

  record Finished(int exitCode, String out, String err) {}

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
