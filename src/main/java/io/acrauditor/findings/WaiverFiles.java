package io.acrauditor.findings;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code --waivers} files: YAML with a top-level {@code waivers:} list, checked against
 * {@code schema/waivers.schema.json} (shipped in the jar), then against what a schema cannot say:
 * {@code rule: *} only with a subject, a subject or a fingerprint in every waiver, and an expiry no
 * more than {@code maxDays} after today (an accepted risk is reviewed at least that often). Any
 * problem is one {@link WaiverFileException} naming file, line and field.
 */
public final class WaiverFiles {
  public static final String SCHEMA = "/schema/waivers.schema.json";
  /** How far ahead a waiver may expire unless {@code --max-waiver-days} says otherwise. */
  public static final int DEFAULT_MAX_DAYS = 365;

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Schema SCHEMA_DOC = loadSchema();

  private WaiverFiles() {}

  /** Every waiver of {@code files}, in order, judged on {@code today}. */
  public static Waivers load(List<Path> files, LocalDate today, int maxDays) {
    List<Waiver> waivers = new ArrayList<>();
    for (Path file : files) {
      waivers.addAll(read(file, today, maxDays));
    }
    return new Waivers(waivers, today);
  }

  static List<Waiver> read(Path file, LocalDate today, int maxDays) {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new WaiverFileException(name + ": no such file");
    } catch (IOException e) {
      throw new WaiverFileException(name + ": cannot read: " + e.getMessage());
    }
    JsonNode document;
    try {
      document = YAML.readTree(bytes);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new WaiverFileException(name + (line > 0 ? ":" + line : "") + ": not valid YAML: " + oneLine(e.getOriginalMessage()));
    }
    if (document == null || document.isMissingNode() || document.isNull()) {
      throw new WaiverFileException(name + ": the file is empty; expected a top-level 'waivers:' list");
    }
    Map<String, Integer> lines = lines(bytes);
    List<Error> errors = SCHEMA_DOC.validate(document);
    if (!errors.isEmpty()) {
      Error first = errors.get(0);
      String pointer = first.getInstanceLocation().toString();
      throw new WaiverFileException(name + ":" + line(lines, pointer) + ": " + field(pointer) + first.getMessage());
    }
    List<Waiver> waivers = new ArrayList<>();
    JsonNode list = document.get("waivers");
    for (int i = 0; i < list.size(); i++) {
      JsonNode w = list.get(i);
      String at = "/waivers/" + i;
      int line = line(lines, at);
      Waiver waiver = new Waiver(
          text(w, "rule"), text(w, "subject"), text(w, "fingerprint"), text(w, "reason").strip(),
          text(w, "approvedBy").strip(), text(w, "ticket"), LocalDate.parse(text(w, "expires")),
          w.has("kind") ? Waiver.Kind.valueOf(text(w, "kind").toUpperCase(Locale.ROOT)) : Waiver.Kind.ACCEPTED,
          name, line);
      check(waiver, lines, at, today, maxDays);
      waivers.add(waiver);
    }
    return waivers;
  }

  private static void check(Waiver w, Map<String, Integer> lines, String at, LocalDate today, int maxDays) {
    String prefix = w.file() + ":";
    String field = "waivers[" + at.substring(at.lastIndexOf('/') + 1) + "]";
    if (w.subject() == null && w.fingerprint() == null) {
      throw new WaiverFileException(prefix + w.line() + ": " + field + ": names neither a subject nor a fingerprint;"
          + " a waiver must say which finding it accepts");
    }
    if (Waiver.ANY_RULE.equals(w.rule()) && w.subject() == null) {
      throw new WaiverFileException(prefix + line(lines, at + "/rule") + ": " + field + ".rule: '*' needs a subject;"
          + " it would accept every finding with that fingerprint's rule otherwise");
    }
    LocalDate latest = today.plusDays(maxDays);
    if (w.expires().isAfter(latest)) {
      throw new WaiverFileException(prefix + line(lines, at + "/expires") + ": " + field + ".expires: " + w.expires()
          + " is more than " + maxDays + " days after today (" + today + "); expire it by " + latest
          + " or raise --max-waiver-days");
    }
  }

  /** The line of the value at every JSON pointer of the document (1-based). */
  private static Map<String, Integer> lines(byte[] yaml) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = YAML.createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.PROPERTY_NAME) {
          continue;
        }
        // A value's context path ends at its own key or index; an object or array opens a
        // context of its own, so its path is its parent's.
        var context = parser.streamReadContext();
        boolean opens = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
        String pointer = opens
            ? context.getParent() == null ? "" : context.getParent().pathAsPointer().toString()
            : context.pathAsPointer().toString();
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
      }
    } catch (JacksonException e) {
      // Already read once: cannot happen.
    }
    return lines;
  }

  /** The line of {@code pointer}, or of its nearest ancestor that has one. */
  private static int line(Map<String, Integer> lines, String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 1;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** "waivers[2].expires: ", from a JSON pointer; empty at the top. */
  private static String field(String pointer) {
    String dotted = pointer.replaceAll("/(\\d+)", "[$1]").replace('/', '.');
    if (dotted.startsWith(".")) {
      dotted = dotted.substring(1);
    }
    return dotted.isEmpty() ? "" : dotted + ": ";
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static String oneLine(String message) {
    return message == null ? "unreadable" : message.strip().lines().findFirst().orElse("unreadable");
  }

  private static Schema loadSchema() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_2020_12,
        b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    try (InputStream in = WaiverFiles.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA + " is missing from the classpath");
      }
      return registry.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCHEMA, e);
    }
  }
}
