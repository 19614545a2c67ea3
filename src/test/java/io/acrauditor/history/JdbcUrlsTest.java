package io.acrauditor.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
  @Test
  void passwordsInEveryFormAreRedacted() {
    assertThat(JdbcUrls.redact("jdbc:h2:file:/r/h;USER=sa;PASSWORD=s3cret;AUTO_SERVER=FALSE"))
        .isEqualTo("jdbc:h2:file:/r/h;USER=sa;PASSWORD=***;AUTO_SERVER=FALSE");
    assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/a?user=x&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/a?user=x&password=***&ssl=true");
    assertThat(JdbcUrls.redact("jdbc:postgresql://x:s3cret@db/a")).isEqualTo("jdbc:postgresql://***@db/a");
    assertThat(JdbcUrls.redact("jdbc:postgresql://db/a")).isEqualTo("jdbc:postgresql://db/a");
  }

  @Test
  void storedArgumentsKeepEverythingButTheSecret() {
    assertThat(JdbcUrls.redactArguments(List.of("--demo", "--db-url", "jdbc:h2:mem:a;PASSWORD=p", "--db-url=jdbc:x://h/?password=q")))
        .containsExactly("--demo", "--db-url", "jdbc:h2:mem:a;PASSWORD=***", "--db-url=jdbc:x://h/?password=***");
  }

  @Test
  void hostAndPortOfANetworkUrl() {
    assertThat(JdbcUrls.hostAndPort("jdbc:postgresql://127.0.0.1:1/x")).contains("127.0.0.1:1");
    assertThat(JdbcUrls.hostAndPort("jdbc:h2:file:/tmp/x")).isEmpty();
  }
}
