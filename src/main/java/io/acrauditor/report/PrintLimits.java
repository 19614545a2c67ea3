package io.acrauditor.report;

import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.inventory.index.AccessPath;
import io.acrauditor.inventory.index.RegistryAccessPaths;
import java.util.List;

/**
 * What of a result goes into {@code report.pdf}. The PDF renderer lays out a DOM of the whole
 * page, so unlike {@code report.html}, which streams, the PDF holds everything it shows in the
 * heap at once: a large estate's PDF shows the worst findings, the first registries' access paths
 * and the first evaluation errors, and says what it left out ({@code findings.json} has it all).
 * The counts (summary, severities, rules) are always those of the whole result.
 *
 * <p>The bounds keep the PDF's page under a few megabytes of HTML whatever the estate: {@value
 * #MAX_FINDINGS} findings, {@value #MAX_REGISTRIES} registries of {@value #PATHS_PER_REGISTRY}
 * paths each, {@value #MAX_EVALUATION_ERRORS} evaluation errors.
 */
public final class PrintLimits {
  public static final int MAX_FINDINGS = 300;
  public static final int MAX_REGISTRIES = 40;
  public static final int PATHS_PER_REGISTRY = HtmlReportWriter.DEFAULT_PATHS_PER_REGISTRY;
  public static final int MAX_EVALUATION_ERRORS = 100;

  private final int maxFindings;
  private final int maxRegistries;
  private final int maxErrors;

  PrintLimits(int maxFindings, int maxRegistries, int maxErrors) {
    this.maxFindings = maxFindings;
    this.maxRegistries = maxRegistries;
    this.maxErrors = maxErrors;
  }

  static PrintLimits standard() {
    return new PrintLimits(MAX_FINDINGS, MAX_REGISTRIES, MAX_EVALUATION_ERRORS);
  }

  /**
   * What the PDF left out, for the note on its first page; the templates see it as {@code
   * printLimits}. {@code registriesShown} counts registries of the source, some of which may have
   * no path.
   */
  public record Omitted(
      int findingsShown,
      int findingsTotal,
      int registriesShown,
      int registriesTotal,
      int pathsPerRegistry,
      int errorsShown,
      int errorsTotal) {

    public boolean findingsLeftOut() {
      return findingsShown < findingsTotal;
    }

    public boolean registriesLeftOut() {
      return registriesShown < registriesTotal;
    }

    public boolean errorsLeftOut() {
      return errorsShown < errorsTotal;
    }

    boolean any() {
      return findingsLeftOut() || registriesLeftOut() || errorsLeftOut();
    }
  }

  /** The result as the PDF shows it, and what it leaves out (null when nothing). */
  record Printed(AuditResult result, Omitted omitted) {}

  Printed apply(AuditResult result) {
    List<Finding> findings = result.findings();
    List<Finding> shown = findings.size() <= maxFindings
        ? findings
        : ReportOrder.sorted(findings, ReportOrder.FINDING).subList(0, maxFindings);
    List<EvaluationError> errors = result.evaluationErrors();
    List<EvaluationError> errorsShown = errors.size() <= maxErrors
        ? errors
        : ReportOrder.sorted(errors, ReportOrder.EVALUATION_ERROR).subList(0, maxErrors);
    RegistryAccessPaths matrix = result.accessMatrix() == null ? RegistryAccessPaths.NONE : result.accessMatrix();
    int registries = matrix.registryCount();
    RegistryAccessPaths matrixShown = registries <= maxRegistries ? matrix : firstRegistries(matrix, maxRegistries);
    Omitted omitted = new Omitted(
        shown.size(), findings.size(),
        matrixShown.registryCount(), registries, PATHS_PER_REGISTRY,
        errorsShown.size(), errors.size());
    if (!omitted.any()) {
      return new Printed(result, null);
    }
    AuditResult printed = new AuditResult(
        result.run(), result.summary(), List.copyOf(shown), List.copyOf(errorsShown), result.coverage(), matrixShown,
        result.rules(), result.comparison());
    return new Printed(printed, omitted);
  }

  /** The first {@code n} registries of the source, in its order: no pass over the rest. */
  private static RegistryAccessPaths firstRegistries(RegistryAccessPaths source, int n) {
    return new RegistryAccessPaths() {
      @Override
      public int registryCount() {
        return n;
      }

      @Override
      public List<AccessPath> paths(int registry) {
        return source.paths(registry);
      }
    };
  }
}
