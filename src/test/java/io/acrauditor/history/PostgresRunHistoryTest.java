package io.acrauditor.history;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same contract against a real PostgreSQL server, which .ci/run starts on loopback and names
 * in ACR_TEST_POSTGRES_URL (with _USER and _PASSWORD). Each run migrates a schema of its own.
 * Without a server the tests are skipped with a message, except under CI=true, where they fail.
 */
@SpringBootTest(args = "version")
class PostgresRunHistoryTest extends RunHistoryContract {
  private static final String URL = System.getenv("ACR_TEST_POSTGRES_URL");
  private static final String SCHEMA = "history_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @BeforeAll
  static void needsPostgres() {
    if (URL == null || URL.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but ACR_TEST_POSTGRES_URL is not set: .ci/run must start PostgreSQL");
      }
      assumeTrue(false, "PostgreSQL not configured (set ACR_TEST_POSTGRES_URL; .ci/run does): skipping");
    }
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    if (URL == null || URL.isBlank()) {
      return;
    }
    registry.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
    registry.add("spring.datasource.username", () -> System.getenv("ACR_TEST_POSTGRES_USER"));
    registry.add("spring.datasource.password", () -> System.getenv("ACR_TEST_POSTGRES_PASSWORD"));
    registry.add("spring.flyway.schemas", () -> SCHEMA);
    registry.add("spring.flyway.create-schemas", () -> "true");
  }
}
