package io.acrauditor.rules;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.time.Duration;

/**
 * The work one rule may do on one subject. CEL's own bound ({@link #MAX_ITERATIONS}, set in
 * {@link RuleCel}) stops each expression's loops after so many steps, which is exact and the same on
 * every machine; the time bound is the backstop for work that iterates little but costs much (a
 * product of lists built inside one loop). Either ends that rule's evaluation on that subject as
 * an evaluation error, and the audit goes on. docs/operations.md ("Limits") lists both.
 *
 * <p>CEL reports every evaluated node to the listener; the clock is read only every {@value
 * #CHECK_EVERY} nodes, so a normal evaluation pays a counter and nothing else.
 */
final class EvaluationBudget implements CelEvaluationListener {
  /** Loop steps (all comprehensions of one expression together) before an expression is stopped. */
  static final int MAX_ITERATIONS = 100_000;
  /** Time one rule may take on one subject, all its expressions together. */
  static final Duration MAX_TIME = Duration.ofSeconds(1);

  private static final int CHECK_EVERY = 1024;

  private final long deadline;
  private final Duration limit;
  private int nodes;

  private EvaluationBudget(Duration limit) {
    this.limit = limit;
    this.deadline = System.nanoTime() + limit.toNanos();
  }

  /** A budget whose time starts now. */
  static EvaluationBudget start() {
    return new EvaluationBudget(MAX_TIME);
  }

  static EvaluationBudget start(Duration limit) {
    return new EvaluationBudget(limit);
  }

  @Override
  public void callback(CelExpr expr, Object evaluatedResult) {
    if (++nodes % CHECK_EVERY == 0 && System.nanoTime() - deadline > 0) {
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
