package io.acrauditor.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Iterator;
import io.acrauditor.text.PrintableOutputStream;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Log lines go to standard error, so standard output holds only what a command prints for people
 * (the audit summary, a rule list) and can be piped. Spring Boot's console appender, plain or
 * structured ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}), writes to standard output and has
 * no setting for it; it is pointed at standard error right after Spring Boot has configured it,
 * keeping its encoder, with control and bidi characters from the data shown escaped. Registered in META-INF/spring.factories, so tests' contexts get it too.
 */
public class LogsToStandardError implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
  private static final String STDERR = "System.err";

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        if (it.next() instanceof ConsoleAppender<ILoggingEvent> console && !STDERR.equals(console.getTarget())) {
          console.stop();
          console.setTarget(STDERR);
          console.start();
          // After start, which set the raw target: log lines carry data (names), never raw escapes.
          console.setOutputStream(new PrintableOutputStream(System.err));
        }
      }
    }
  }

  /** Just after Spring Boot's logging listener, which creates the console appender. */
  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 1;
  }
}
