package io.acrauditor.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Stable identity of a finding across runs: the rule and the resource, nothing that changes
 * between runs (messages, evidence, severity escalations). Azure resource ids are
 * case-insensitive, so they are folded to lower case first.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String of(String ruleId, String subjectKind, String resourceId) {
    String key = ruleId + "|" + subjectKind + "|" + resourceId.toLowerCase(Locale.ROOT);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
