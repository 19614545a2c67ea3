package io.acrauditor.history.migration;

import java.sql.Connection;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The Spring Batch job repository tables, from the DDL that Spring Batch ships for each database,
 * so that Flyway versions every table the auditor owns and the DDL always matches the Spring Batch
 * version in use.
 */
public class V1__SpringBatchSchema extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    String vendor = switch (product) {
      case "h2" -> "h2";
      case "postgresql" -> "postgresql";
      default -> throw new IllegalStateException(
          "run history supports H2 and PostgreSQL, not " + connection.getMetaData().getDatabaseProductName());
    };
    ScriptUtils.executeSqlScript(
        connection, new ClassPathResource("org/springframework/batch/core/schema-" + vendor + ".sql"));
  }
}
