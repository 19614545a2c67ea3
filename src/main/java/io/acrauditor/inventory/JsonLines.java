package io.acrauditor.inventory;

import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the line of a JSON pointer in a document. Used only to explain an error, so it re-reads
 * the text instead of keeping locations for every node of a large snapshot.
 */
final class JsonLines {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonLines() {}

  /** The 1-based line where the value at {@code pointer} starts, or -1. */
  static int lineOf(java.io.InputStream json, String pointer) {
    try (JsonParser parser = MAPPER.createParser(json)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.PROPERTY_NAME) {
          continue;
        }
        String here = pointerOf(parser);
        if (here.equals(pointer)) {
          TokenStreamLocation location = parser.currentTokenLocation();
          return location.getLineNr();
        }
      }
      return -1;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static String pointerOf(JsonParser parser) {
    var context = parser.streamReadContext();
    // The context of a value that opens an object or array is the new container; step out once.
    if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY) {
      context = context.getParent();
    }
    return pointerOf(context);
  }

  /** The pointer of the value {@code context} stands at: its current name or index, and those above it. */
  static String pointerOf(TokenStreamContext context) {
    StringBuilder pointer = new StringBuilder();
    Deque<String> parts = new ArrayDeque<>();
    while (context != null && !context.inRoot()) {
      if (context.inArray()) {
        parts.push(Integer.toString(context.getCurrentIndex()));
      } else if (context.inObject() && context.currentName() != null) {
        parts.push(escape(context.currentName()));
      }
      context = context.getParent();
    }
    for (String part : parts) {
      pointer.append('/').append(part);
    }
    return pointer.toString();
  }

  private static String escape(String name) {
    return name == null ? "" : name.replace("~", "~0").replace("/", "~1");
  }
}
