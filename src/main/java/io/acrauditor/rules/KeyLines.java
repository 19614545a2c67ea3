package io.acrauditor.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * The line of every key in a YAML document, by path ({@code tests[1].subject}). Binding a record
 * reports errors at the end of the object, not at the offending key, so the loader looks the line
 * up here to point a rule author at the right place.
 */
final class KeyLines {
  private final Map<String, Integer> lines;

  private KeyLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  static KeyLines of(ObjectMapper mapper, byte[] yaml) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = mapper.createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.PROPERTY_NAME) {
          lines.putIfAbsent(parser.streamReadContext().pathAsPointer().toString(), parser.currentTokenLocation().getLineNr());
        }
      }
    } catch (JacksonException e) {
      // Broken YAML: the binding step reports it with the parser's own location.
    }
    return new KeyLines(lines);
  }

  /** The line of the key at {@code path} (dotted, with [i] indices), or of its nearest parent key. */
  OptionalInt line(String path) {
    String pointer = "/" + path.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    while (!pointer.isEmpty()) {
      Integer line = lines.get(pointer);
      if (line != null) {
        return OptionalInt.of(line);
      }
      pointer = pointer.substring(0, pointer.lastIndexOf('/'));
    }
    return OptionalInt.empty();
  }
}
