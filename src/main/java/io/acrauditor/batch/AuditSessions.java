package io.acrauditor.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Sessions by run id. Spring Batch passes only serialisable job parameters between steps; the
 * loaded rules and the index stay here, looked up by the {@code runId} parameter.
 */
@Component
public class AuditSessions {
  private final Map<String, AuditSession> sessions = new ConcurrentHashMap<>();

  public AuditSession open(AuditRequest request) {
    AuditSession session = new AuditSession(request);
    sessions.put(request.runId(), session);
    return session;
  }

  public AuditSession get(String runId) {
    AuditSession session = sessions.get(runId);
    if (session == null) {
      throw new IllegalStateException("no audit session for run " + runId);
    }
    return session;
  }

  public void close(String runId) {
    sessions.remove(runId);
  }
}
