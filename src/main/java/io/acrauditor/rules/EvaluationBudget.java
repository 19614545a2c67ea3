package io.acrauditor.rules;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * The work one rule may do on one subject. CEL's own bound ({@link #MAX_ITERATIONS}, set in
 * {@link RuleCel}) stops each expression's loops after so many steps, which is exact and the same on
 * every machine; the time bound is the backstop for work that iterates little but costs much (a
 * product of lists built inside one loop). Either ends that rule's evaluation on that subject as
 * an evaluation error, and the audit goes on. docs/operations.md ("Limits") lists both.
 *
 * <p>CEL reports every evaluated node to the listener; the clock is read only every {@value
 * #CHECK_EVERY} nodes, so a normal evaluation pays a counter and nothing else. The time counted
 * is the thread's CPU time where the JVM offers it.
 */
final class EvaluationBudget implements CelEvaluationListener {
  /** Loop steps (all comprehensions of one expression together) before an expression is stopped. */
  static final int MAX_ITERATIONS = 100_000;
  /** Time one rule may take on one subject, all its expressions together. */
  static final Duration MAX_TIME = Duration.ofSeconds(1);

  private static final int CHECK_EVERY = 1024;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /**
   * CPU time of the evaluating thread where the JVM measures it: a garbage collection pause or a
   * busy machine must not turn a normal evaluation into an error, or the same snapshot would not
   * always give the same findings.
   */
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

  private final long limitNanos;
  private final Duration limit;
  private long started = -1;
  private int nodes;

  private EvaluationBudget(Duration limit) {
    this.limit = limit;
    this.limitNanos = limit.toNanos();
  }

  /** A budget for one rule on one subject. */
  static EvaluationBudget start() {
    return new EvaluationBudget(MAX_TIME);
  }

  static EvaluationBudget start(Duration limit) {
    return new EvaluationBudget(limit);
  }

  @Override
  public void callback(CelExpr expr, Object evaluatedResult) {
    if (++nodes % CHECK_EVERY != 0) {
      return;
    }
    // The clock starts at the first check: most evaluations end before it and never read it.
    long now = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    if (started < 0) {
      started = now;
    } else if (now - started > limitNanos) {
      throw new Exceeded("evaluation stopped after " + limit.toMillis() + " ms, the time limit of a rule on one subject");
    }
  }

  /** Thrown out of CEL's interpreter to stop an evaluation that ran out of time. */
  static final class Exceeded extends RuntimeException {
    Exceeded(String message) {
      super(message, null, false, false);
    }
  }
}
