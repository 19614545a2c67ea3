package io.acrauditor.history;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Run history in an H2 file, the default a user gets with no configuration. */
@SpringBootTest(args = "version")
class H2RunHistoryTest extends RunHistoryContract {
  @TempDir static Path database;

  @DynamicPropertySource
  static void h2File(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + database.resolve("history").toAbsolutePath());
  }
}
