package io.acrauditor.inventory;

import io.acrauditor.files.ByteSize;
import java.util.function.UnaryOperator;
import tools.jackson.core.StreamReadConstraints;

/**
 * How large a snapshot and each value in it may be. The bounds come from Azure's own limits with
 * a wide margin, so real evidence never meets them while a hostile or broken file (a 50 MB
 * string, a document nested a thousand deep) is refused at the value that breaks them instead of
 * growing every output. docs/operations.md ("Limits") lists them.
 *
 * @param maxStringLength characters in one string value: the longest Azure strings in a snapshot
 *     are ABAC role assignment conditions (at most 8,192 characters), resource ids (a few hundred)
 *     and names (at most 260)
 * @param maxDocumentBytes bytes in the whole snapshot: a 1,000,000-subject estate is about 850 MB
 * @param maxNestingDepth objects and arrays inside each other: the schema goes 7 deep
 * @param maxNumberLength digits in one number: Azure counts and dates fit in 20
 */
public record EvidenceLimits(int maxStringLength, long maxDocumentBytes, int maxNestingDepth, int maxNumberLength) {
  /** Overrides the document bound, in bytes or with a K, M or G suffix (e.g. {@code 8G}). */
  public static final String MAX_SNAPSHOT_BYTES_ENV = "ACR_AUDITOR_MAX_SNAPSHOT_BYTES";

  public static final EvidenceLimits DEFAULT = new EvidenceLimits(32_768, 4L << 30, 64, 64);

  /** The defaults, with the document bound from {@value #MAX_SNAPSHOT_BYTES_ENV} when it is set. */
  public static EvidenceLimits fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  static EvidenceLimits fromEnvironment(UnaryOperator<String> env) {
    String bytes = env.apply(MAX_SNAPSHOT_BYTES_ENV);
    if (bytes == null || bytes.isBlank()) {
      return DEFAULT;
    }
    return new EvidenceLimits(DEFAULT.maxStringLength, ByteSize.parse(MAX_SNAPSHOT_BYTES_ENV, bytes), DEFAULT.maxNestingDepth, DEFAULT.maxNumberLength);
  }

  StreamReadConstraints constraints() {
    return StreamReadConstraints.builder()
        .maxStringLength(maxStringLength)
        .maxDocumentLength(maxDocumentBytes)
        .maxNestingDepth(maxNestingDepth)
        .maxNumberLength(maxNumberLength)
        .build();
  }

  /** What a Jackson constraint message is about, in the auditor's words, with the bound. */
  String describe(String jacksonMessage) {
    String message = jacksonMessage == null ? "" : jacksonMessage;
    if (message.contains("getMaxStringLength")) {
      return "string value longer than the limit of " + maxStringLength + " characters";
    }
    if (message.contains("getMaxDocumentLength")) {
      return "snapshot larger than the limit of " + maxDocumentBytes + " bytes (raise it with "
          + MAX_SNAPSHOT_BYTES_ENV + ")";
    }
    if (message.contains("getMaxNestingDepth")) {
      return "nested deeper than the limit of " + maxNestingDepth + " levels";
    }
    if (message.contains("getMaxNumberLength")) {
      return "number longer than the limit of " + maxNumberLength + " characters";
    }
    return "exceeds a limit: " + message.lines().findFirst().orElse(message);
  }
}
