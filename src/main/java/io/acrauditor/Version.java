package io.acrauditor;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The auditor's version, from the build-info the Maven build writes into the jar. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/META-INF/build-info.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("build.version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
