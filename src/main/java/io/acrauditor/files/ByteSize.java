package io.acrauditor.files;

import java.util.Locale;

/** A size in bytes as people write it in settings: {@code 1048576}, {@code 512M}, {@code 8G}. */
public final class ByteSize {
  private ByteSize() {}

  /**
   * @param setting the setting's name, for the message
   * @throws IllegalArgumentException naming the setting when {@code text} is not a positive size
   */
  public static long parse(String setting, String text) {
    String value = text.strip().toUpperCase(Locale.ROOT);
    long unit = 1;
    int shift = value.isEmpty() ? -1 : "KMG".indexOf(value.charAt(value.length() - 1));
    if (shift >= 0) {
      unit = 1L << (10 * (shift + 1));
      value = value.substring(0, value.length() - 1);
    }
    try {
      long number = Long.parseLong(value);
      if (number <= 0 || number > Long.MAX_VALUE / unit) {
        throw new NumberFormatException();
      }
      return number * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting + "='" + text
          + "' is not a positive number of bytes (a K, M or G suffix is allowed)");
    }
  }
}
