package io.acrauditor.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the OCSF schema says an event of class Detection Finding must look like: required
 * attributes, the attributes the class knows, enumerations, captions, the objects it uses and the
 * type of each attribute. The facts are in {@code src/test/resources/ocsf/detection-finding-1.8.0.json},
 * extracted from the ocsf-schema repository at its 1.8.0 release (source noted in the file), not
 * from the writer.
 */
public final class OcsfClass {
  private final JsonNode facts;

  private OcsfClass(JsonNode facts) {
    this.facts = facts;
  }

  public static OcsfClass detectionFinding() {
    try (InputStream in = OcsfClass.class.getResourceAsStream("/ocsf/detection-finding-1.8.0.json")) {
      return new OcsfClass(JsonMapper.builder().build().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String version() {
    return facts.get("ocsfVersion").asString();
  }

  /** Everything wrong with one event; empty when it is a valid Detection Finding. */
  public List<String> problems(JsonNode event) {
    List<String> problems = new ArrayList<>();
    if (!event.isObject()) {
      return List.of("not a JSON object");
    }
    for (JsonNode required : facts.get("requiredAttributes")) {
      if (!present(event, required.asString())) {
        problems.add("missing required attribute " + required.asString());
      }
    }
    Set<String> known = strings(facts.get("attributes"));
    for (String name : event.propertyNames()) {
      if (!known.contains(name)) {
        problems.add("attribute " + name + " is not one of class detection_finding");
      } else {
        checkType("", name, event.get(name), facts.get("types").get(name), problems);
      }
    }
    JsonNode cls = facts.get("class");
    expect(problems, event, "class_uid", cls.get("uid").asInt());
    expect(problems, event, "category_uid", cls.get("category_uid").asInt());
    if (event.path("activity_id").isIntegralNumber() && event.path("type_uid").isIntegralNumber()) {
      long expected = cls.get("uid").asLong() * 100 + event.get("activity_id").asLong();
      if (event.get("type_uid").asLong() != expected) {
        problems.add("type_uid " + event.get("type_uid") + " is not class_uid * 100 + activity_id = " + expected);
      }
    }
    for (String enumerated : List.of("activity_id", "severity_id", "status_id")) {
      if (present(event, enumerated)) {
        int value = event.get(enumerated).asInt();
        if (!ints(facts.get("enums").get(enumerated)).contains(value)) {
          problems.add(enumerated + " " + value + " is not in its enumeration");
        }
        String captionOf = switch (enumerated) {
          case "activity_id" -> "activity_name";
          case "severity_id" -> "severity";
          default -> "status";
        };
        JsonNode caption = facts.get("captions").get(enumerated).get(String.valueOf(value));
        if (present(event, captionOf) && caption != null && !caption.asString().equals(event.get(captionOf).asString())) {
          problems.add(captionOf + " '" + event.get(captionOf).asString() + "' is not the caption of " + enumerated + " "
              + value + " ('" + caption.asString() + "')");
        }
      }
    }
    for (JsonNode profile : event.path("metadata").path("profiles")) {
      JsonNode requiredByProfile = facts.get("profiles").get(profile.asString());
      if (requiredByProfile == null) {
        problems.add("unknown profile " + profile.asString());
        continue;
      }
      for (JsonNode required : requiredByProfile) {
        if (!present(event, required.asString())) {
          problems.add("profile " + profile.asString() + " requires " + required.asString());
        }
      }
    }
    object(problems, "finding_info", event.get("finding_info"), "finding_info");
    object(problems, "finding_info.analytic", event.path("finding_info").get("analytic"), "analytic");
    object(problems, "metadata", event.get("metadata"), "metadata");
    object(problems, "metadata.product", event.path("metadata").get("product"), "product");
    object(problems, "cloud", event.get("cloud"), "cloud");
    object(problems, "cloud.account", event.path("cloud").get("account"), "account");
    object(problems, "remediation", event.get("remediation"), "remediation");
    int i = 0;
    for (JsonNode resource : event.path("resources")) {
      object(problems, "resources[" + i++ + "]", resource, "resource_details");
    }
    return problems;
  }

  private void object(List<String> problems, String where, JsonNode value, String objectName) {
    if (value == null || value.isNull()) {
      return;
    }
    JsonNode spec = facts.get("objects").get(objectName);
    for (JsonNode required : spec.get("required")) {
      if (!present(value, required.asString())) {
        problems.add(where + ": missing required attribute " + required.asString());
      }
    }
    Set<String> known = strings(spec.get("attributes"));
    for (String name : value.propertyNames()) {
      if (!known.contains(name)) {
        problems.add(where + ": attribute " + name + " is not one of object " + objectName);
      } else {
        checkType(where + ".", name, value.get(name), spec.get("types").get(name), problems);
      }
    }
    for (JsonNode constraint : spec.get("constraints")) {
      JsonNode atLeastOne = constraint.get("at_least_one");
      if (atLeastOne != null) {
        boolean any = false;
        for (JsonNode name : atLeastOne) {
          any |= present(value, name.asString());
        }
        if (!any) {
          problems.add(where + ": needs at least one of " + atLeastOne);
        }
      }
    }
    JsonNode enums = spec.get("enums");
    if (enums != null && present(value, "type_id") && !ints(enums.get("type_id")).contains(value.get("type_id").asInt())) {
      problems.add(where + ": type_id " + value.get("type_id") + " is not in its enumeration");
    }
  }

  private static void checkType(String where, String name, JsonNode value, JsonNode type, List<String> problems) {
    if (type == null || value.isNull()) {
      return;
    }
    String t = type.asString();
    if (t.endsWith("[]")) {
      if (!value.isArray()) {
        problems.add(where + name + " should be an array of " + t);
        return;
      }
      for (JsonNode element : value) {
        checkScalar(where + name + "[]", element, t.substring(0, t.length() - 2), problems);
      }
      return;
    }
    checkScalar(where + name, value, t, problems);
  }

  private static void checkScalar(String where, JsonNode value, String t, List<String> problems) {
    boolean ok = switch (t) {
      case "integer_t", "long_t", "timestamp_t", "port_t" -> value.isIntegralNumber();
      case "float_t" -> value.isNumber();
      case "boolean_t" -> value.isBoolean();
      case "json_t" -> true;
      case "object" -> value.isObject();
      default -> t.endsWith("_t") ? value.isString() : value.isObject();
    };
    if (!ok) {
      problems.add(where + " should be " + t + " but is " + value.getNodeType());
    }
  }

  private static void expect(List<String> problems, JsonNode event, String name, int value) {
    if (present(event, name) && event.get(name).asInt() != value) {
      problems.add(name + " is " + event.get(name) + ", not " + value);
    }
  }

  private static boolean present(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> set = new HashSet<>();
    array.forEach(n -> set.add(n.asString()));
    return set;
  }

  private static Set<Integer> ints(JsonNode array) {
    Set<Integer> set = new HashSet<>();
    array.forEach(n -> set.add(n.asInt()));
    return set;
  }
}
