package io.acrauditor;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The auditor's version, commit and build time, from what the Maven build writes into the jar:
 * {@code META-INF/build-info.properties} (spring-boot-maven-plugin) and {@code META-INF/git.properties}
 * (git-commit-id-maven-plugin). A build without a git directory has no commit: it reads "unknown".
 */
public final class Version {
  static final String UNKNOWN = "unknown";
  private static final Properties BUILD = load("/META-INF/build-info.properties");
  private static final Properties GIT = load("/META-INF/git.properties");

  private Version() {}

  public static String current() {
    return BUILD.getProperty("build.version", "dev");
  }

  /** The abbreviated commit the jar was built from, "+dirty" when the work tree had changes. */
  public static String commit() {
    return commit(GIT);
  }

  /** From a git.properties as the plugin writes it: empty when the build had no git directory. */
  static String commit(Properties git) {
    String id = git.getProperty("git.commit.id.abbrev", "");
    if (id.isBlank()) {
      return UNKNOWN;
    }
    return "true".equals(git.getProperty("git.dirty")) ? id + "+dirty" : id;
  }

  public static String buildTime() {
    return BUILD.getProperty("build.time", UNKNOWN);
  }

  /** One line for people: {@code 0.1.0 (commit 1a2b3c4, built 2026-12-04T16:00:00Z)}. */
  public static String describe() {
    return current() + " (commit " + commit() + ", built " + buildTime() + ")";
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream(resource)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // An unreadable resource in our own jar: the version reads "dev"/"unknown" rather than failing a run.
    }
    return p;
  }
}
