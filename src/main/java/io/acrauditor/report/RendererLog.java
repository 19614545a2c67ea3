package io.acrauditor.report;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf's log, sent to the application's logging at debug level (errors as warnings)
 * instead of its own console lines: which fonts it loaded and which CSS it does not know are not
 * the user's business, and standard output is the audit summary.
 */
final class RendererLog implements XRLogger {
  private static final String PREFIX = "com.openhtmltopdf.";

  private RendererLog() {}

  /** Idempotent; the renderer's logger is a global of the library. */
  static synchronized void install() {
    if (!(XRLog.getLoggerImpl() instanceof RendererLog)) {
      XRLog.setLoggerImpl(new RendererLog());
    }
  }

  @Override
  public void log(String where, Level level, String msg) {
    log(where, level, msg, null);
  }

  @Override
  public void log(String where, Level level, String msg, Throwable th) {
    Logger log = LoggerFactory.getLogger(where.startsWith(PREFIX) ? where : PREFIX + where);
    if (level.intValue() >= Level.SEVERE.intValue()) {
      log.warn(msg, th);
    } else {
      log.debug(msg, th);
    }
  }

  @Override
  public void setLevel(String logger, Level level) {}

  @Override
  public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    return diagnostic.getLevel().intValue() >= Level.SEVERE.intValue()
        || LoggerFactory.getLogger(PREFIX + "general").isDebugEnabled();
  }
}
