package io.acrauditor.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finds rule files: the built-in catalogue on the classpath (inside the Boot fat jar too, which is
 * why Spring's resolver is used) and {@code --rules} directories on disk. Files are returned in a
 * stable order so that load errors and digests do not depend on the file system.
 */
final class RuleSources {
  /** Where the jar keeps the catalogue; the pom copies the repository's {@code rules/} there. */
  static final String BUILT_IN_ROOT = "rules";

  private RuleSources() {}

  /**
   * @param root a classpath folder such as {@code rules}; every {@code *.yaml} below it is a rule
   */
  static List<RuleSource> classpath(String root, ClassLoader loader) {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
    List<RuleSource> sources = new ArrayList<>();
    try {
      for (String extension : List.of("yaml", "yml")) {
        for (Resource resource : resolver.getResources("classpath*:" + root + "/**/*." + extension)) {
          if (!resource.isReadable()) {
            continue;
          }
          String name = relativeName(resource, root);
          try (InputStream in = resource.getInputStream()) {
            sources.add(new RuleSource(name + " (built-in)", resource.getFilename(), in.readAllBytes(), true));
          }
        }
      }
    } catch (IOException e) {
      throw new RuleLoadException("cannot read the built-in rule catalogue (" + root + "): " + e.getMessage());
    }
    sources.sort(Comparator.comparing(RuleSource::displayName));
    return sources;
  }

  /** {@code rules/registry/ACR-REG-001.yaml} whatever the jar or folder it was found in. */
  private static String relativeName(Resource resource, String root) throws IOException {
    String url = resource.getURL().toString();
    String marker = "/" + root + "/";
    int at = url.lastIndexOf(marker);
    return at < 0 ? String.valueOf(resource.getFilename()) : url.substring(at + 1);
  }

  static List<RuleSource> directory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new RuleLoadException(dir + ": rules directory does not exist or is not a directory");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> paths = files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
      List<RuleSource> sources = new ArrayList<>();
      for (Path path : paths) {
        sources.add(new RuleSource(path.toString(), path.getFileName().toString(), Files.readAllBytes(path), false));
      }
      return sources;
    } catch (IOException | UncheckedIOException e) {
      throw new RuleLoadException(dir + ": cannot read rules directory: " + e.getMessage());
    }
  }
}
