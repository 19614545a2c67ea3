package io.acrauditor.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The repository the deployment artefacts live in, and the skip-or-fail rule for missing tools. */
final class Repo {
  private Repo() {}

  /** Surefire runs tests in the project directory; walk up in case an IDE runs them elsewhere. */
  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docker/Dockerfile")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no docker/Dockerfile above " + Path.of("").toAbsolutePath());
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  /**
   * A tool a test needs is missing: skipped on a developer's machine, a failure in CI, where
   * .ci/run installs it (a skipped proof must never pass as a proof).
   */
  static void requireTool(boolean present, String why) {
    if (present) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(why + " (CI=true: .ci/run should have installed it)");
    }
    Assumptions.abort(why);
  }

  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
