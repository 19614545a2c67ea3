package io.acrauditor.inventory;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Binds strings as Jackson does, but hands back an earlier equal string where it has one. A large
 * inventory repeats the same values (registry ids in every activity row, scope map actions, user
 * agents, principal types, tenant ids) millions of times; each parsed copy costs 40 bytes and
 * more. A fixed table of recent strings, indexed by hash, catches most repeats for a bounded
 * memory cost and no per-string bookkeeping. Threads sharing one table may miss each other's
 * strings, never get a wrong one: a slot only ever holds a whole, immutable string.
 */
public final class SharedStrings extends StringDeserializer {
  private static final int SLOTS = 1 << 16;

  /** A Jackson module binding every string through a new table: one per mapper, so one per read. */
  public static SimpleModule module() {
    return new SimpleModule("shared-strings").addDeserializer(String.class, new SharedStrings());
  }

  private SharedStrings() {}

  private final String[] table = new String[SLOTS];

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) {
    return shared(super.deserialize(parser, context));
  }

  @Override
  public boolean isCachable() {
    return false;
  }

  String shared(String value) {
    if (value == null) {
      return null;
    }
    int slot = (value.hashCode() * 0x9E3779B9) >>> 16;
    String known = table[slot];
    if (value.equals(known)) {
      return known;
    }
    table[slot] = value;
    return value;
  }
}
