package io.acrauditor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Run folders a failed run made and left without a single file in them. */
final class RunFolders {
  private RunFolders() {}

  /**
   * Removes {@code folder} when it holds folders only (an empty {@code .state}, say): a run that
   * failed before writing anything leaves no trace that looks like a run. A folder with any file is
   * kept, since it is what a restart resumes from.
   */
  static void removeIfEmpty(Path folder) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      List<Path> entries = walk.sorted(Comparator.reverseOrder()).toList();
      if (entries.stream().allMatch(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
        for (Path p : entries) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // Best effort: the run's own error is what the operator needs to see.
    }
  }
}
