package io.acrauditor.deploy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * .dockerignore semantics as the builder applies them: patterns in order, the last one that
 * matches a path or one of its parent folders decides, "!" re-includes, a leading "**&#47;" also
 * matches at the root.
 */
final class DockerIgnore {
  private record Rule(boolean include, List<PathMatcher> matchers) {}

  private final List<Rule> rules = new ArrayList<>();

  DockerIgnore(Path file) throws IOException {
    for (String line : Files.readAllLines(file)) {
      String p = line.strip();
      if (p.isEmpty() || p.startsWith("#")) {
        continue;
      }
      boolean include = p.startsWith("!");
      if (include) {
        p = p.substring(1).strip();
      }
      p = p.replaceAll("^/+", "").replaceAll("/+$", "");
      List<PathMatcher> matchers = new ArrayList<>();
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
      if (p.startsWith("**/")) {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p.substring(3)));
      }
      rules.add(new Rule(include, matchers));
    }
  }

  /** Whether the path (relative to the build context, "/"-separated) is sent to the builder. */
  boolean inContext(String relative) {
    boolean excluded = false;
    for (Rule rule : rules) {
      if (matchesSelfOrParent(rule, Path.of(relative))) {
        excluded = !rule.include();
      }
    }
    return !excluded;
  }

  private static boolean matchesSelfOrParent(Rule rule, Path path) {
    for (Path p = path; p != null; p = p.getParent()) {
      for (PathMatcher m : rule.matchers()) {
        if (m.matches(p)) {
          return true;
        }
      }
    }
    return false;
  }
}
