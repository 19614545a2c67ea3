package io.acrauditor.inventory;

/**
 * A snapshot that cannot be used, with where and why: {@code source} is the file, {@code location}
 * a JSON pointer and/or line, {@code problem} what was expected.
 */
public final class SnapshotException extends RuntimeException {
  private final String source;
  private final String location;
  private final String problem;

  public SnapshotException(String source, String location, String problem) {
    super(source + (location == null || location.isEmpty() ? "" : " at " + location) + ": " + problem);
    this.source = source;
    this.location = location;
    this.problem = problem;
  }

  public String source() {
    return source;
  }

  public String location() {
    return location;
  }

  public String problem() {
    return problem;
  }
}
