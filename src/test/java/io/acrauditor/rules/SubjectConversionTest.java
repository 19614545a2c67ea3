package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotJson;
import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.inventory.index.NoFacts;
import io.acrauditor.inventory.index.Subject;
import io.acrauditor.inventory.index.SubjectKind;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds the direct subject conversion ({@link CelValues#subjectValue}, through {@link
 * CelConverter}) to what the Jackson-tree conversion it replaced gave, value for value and in the
 * same order (order reaches findings through evidence that shows a whole map).
 */
class SubjectConversionTest {
  private static final RuleCatalog BUILT_IN = RuleLoader.builtIn().load();
  /** The conversion as it was: record, Jackson tree of a default mapper, then CelValues.fromTree. */
  static final class JacksonTreePath {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static Map<String, Object> subjectValue(Subject subject) {
      Map<String, Object> merged = new LinkedHashMap<>();
      putFields(merged, subject.resource());
      putFields(merged, subject.facts());
      return Collections.unmodifiableMap(merged);
    }

    private static void putFields(Map<String, Object> target, Record value) {
      if (value == null) {
        return;
      }
      JsonNode tree = MAPPER.valueToTree(value);
      for (Map.Entry<String, JsonNode> field : tree.properties()) {
        Object converted = CelValues.fromTree(field.getValue());
        if (converted != null) {
          target.put(field.getKey(), converted);
        }
      }
    }
  }

  static Stream<Subject> demoSubjects() throws Exception {
    return Stream.concat(subjectsOf("/demo/estate.json"), subjectsOf("/index/estate.json"));
  }

  private static Stream<Subject> subjectsOf(String resource) throws Exception {
    try (InputStream in = SubjectConversionTest.class.getResourceAsStream(resource)) {
      Snapshot snapshot = SnapshotJson.mapper().readValue(in, Snapshot.class);
      return InventoryIndex.of(snapshot).subjects().toList().stream();
    }
  }

  @Test
  void theEstatesHaveSubjectsOfEveryKind() throws Exception {
    assertThat(demoSubjects().map(Subject::kind).distinct()).containsExactlyInAnyOrder(SubjectKind.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("demoSubjects")
  void everyEstateSubjectConvertsAsThroughAJacksonTree(Subject subject) {
    assertSameAsJackson(subject);
  }

  /**
   * What reaches a report, rule by rule: whether it fires, and the message, evidence (maps inside
   * it in order), remediation and problems, on the view and on the map the Jackson tree gave.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("demoSubjects")
  void everyBuiltInRuleSeesTheSameSubject(Subject subject) {
    EvaluationTime time = EvaluationTime.of(Instant.parse("2026-11-23T02:00:00Z"));
    Optional<Object> direct = Optional.of(CelValues.subjectValue(subject));
    Optional<Object> viaTree = Optional.of(JacksonTreePath.subjectValue(subject));
    for (CompiledRule rule : BUILT_IN.rulesFor(subject.kind())) {
      RuleEvaluation.Verdict expected = RuleEvaluation.evaluate(rule, viaTree, rule.celParameters(), time);
      RuleEvaluation.Verdict actual = RuleEvaluation.evaluate(rule, direct, rule.celParameters(), time);

      assertThat(actual).as(rule.id()).usingRecursiveComparison().ignoringFields("evidence").isEqualTo(expected);
      assertThat(ordered(actual.evidence())).as(rule.id() + " evidence").isEqualTo(ordered(expected.evidence()));
    }
  }

  // ---- hand-built records: what the estates do not exercise ----

  enum Plain { ALPHA, BETA }

  enum WithToString {
    ONE { @Override public String toString() { return "one!"; } },
    TWO
  }

  enum Valued {
    X;

    @JsonValue
    int code() {
      return 7;
    }
  }

  record Leaf(String name, Integer count, List<String> tags) {}

  record Numbers(int i, Integer boxedInt, short s, Short boxedShort, byte b, long l, Long boxedLong, float f,
      Float boxedFloat, double d, Double boxedDouble, BigInteger small, BigInteger huge, BigDecimal fraction,
      BigDecimal whole, double nan, boolean flag, Boolean boxedFlag, char c, Character boxedChar) {}

  record Shapes(
      String present,
      String absent,
      List<String> empty,
      List<String> withNulls,
      List<Leaf> leaves,
      List<Object> mixed,
      Map<String, Leaf> byName,
      Map<String, Object> withNullValue,
      Map<Integer, String> intKeys,
      Map<Plain, String> enumKeys,
      TreeMap<String, Integer> sorted,
      LinkedHashSet<String> set,
      String[] array,
      int[] primitives,
      Plain plain,
      WithToString overridden,
      Valued valued,
      Optional<String> some,
      Optional<String> none,
      Instant instant,
      JsonNode tree,
      Leaf nested,
      Leaf nullNested) {}

  record Renamed(@JsonProperty("renamedName") String name, @JsonIgnore String hidden, String kept) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record NonEmpty(String a, List<String> none) {}

  @JsonPropertyOrder({"z", "a"})
  record Ordered(String a, String z) {}

  record WithGetter(String a) {
    public String getExtra() {
      return "extra";
    }

    public boolean isShiny() {
      return true;
    }

    /** Not a getter by name: Jackson ignores it, and so must the direct path. */
    public boolean beyondPull() {
      return true;
    }
  }

  interface Defaulted {
    default String getDefaulted() {
      return "from interface";
    }
  }

  record WithDefault(String a) implements Defaulted {}

  record Oddly(String tenantID, String issuerURL, Boolean enableRBAC, String aBc, boolean isOk, String getThing) {}

  record Holder(Renamed renamed, NonEmpty nonEmpty, Ordered ordered, WithGetter withGetter, WithDefault withDefault,
      Oddly oddly, List<Renamed> renamedList) {}

  record Facts(String extra, Leaf leaf) {}

  /** Resource and facts both carry "shared": the facts' value wins, at the resource's position. */
  record Overlapping(String first, String shared, String last) {}

  record OverlappingFacts(String shared, String own) {}

  private static Numbers numbers() {
    return new Numbers(1, 2, (short) 3, (short) 4, (byte) 5, 6L, 7L, 0.1f, 0.2f, 0.3, 0.4,
        BigInteger.TEN, new BigInteger("123456789012345678901234567890"), new BigDecimal("1.50"), new BigDecimal("2"),
        Double.NaN, true, false, 'c', 'd');
  }

  private static Shapes shapes() {
    Map<String, Leaf> byName = new LinkedHashMap<>();
    byName.put("b", new Leaf("b", 2, List.of()));
    byName.put("a", null);
    byName.put("c", new Leaf(null, null, null));
    Map<String, Object> withNullValue = new LinkedHashMap<>();
    withNullValue.put("n", null);
    withNullValue.put("x", 1);
    withNullValue.put("list", Arrays.asList(1L, null, 2.5f));
    Map<Integer, String> intKeys = new LinkedHashMap<>();
    intKeys.put(2, "two");
    intKeys.put(1, "one");
    Map<Plain, String> enumKeys = new EnumMap<>(Plain.class);
    enumKeys.put(Plain.BETA, "b");
    TreeMap<String, Integer> sorted = new TreeMap<>(Map.of("z", 1, "a", 2));
    JsonNode tree = JsonMapper.builder().build().readTree("{\"k\":[1,null,{\"n\":2.5}],\"m\":null}");
    return new Shapes("here", null, List.of(), Arrays.asList("a", null, "b"),
        List.of(new Leaf("one", 1, List.of("x")), new Leaf(null, null, List.of())),
        Arrays.asList(1, 2L, (short) 3, 1.5f, 2.5, "s", true, null, Plain.ALPHA, new BigDecimal("3"), List.of(List.of(1))),
        byName, withNullValue, intKeys, enumKeys, sorted, new LinkedHashSet<>(List.of("q", "p")),
        new String[] {"s", null, "t"}, new int[] {1, 2}, Plain.BETA, WithToString.ONE, Valued.X,
        Optional.of("some"), Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"), tree,
        new Leaf("nested", 3, Arrays.asList("n", null)), null);
  }

  private static Holder holder() {
    return new Holder(new Renamed("n", "h", "k"), new NonEmpty("a", List.of()), new Ordered("a", "z"),
        new WithGetter("a"), new WithDefault("a"), new Oddly("t", "u", true, "abc", true, "g"),
        List.of(new Renamed("m", null, null)));
  }

  private static Subject subject(Record resource, Record facts) {
    return new Subject(SubjectKind.REGISTRY, Fixtures.ref("id", "name", "registry"), resource, facts);
  }

  static Stream<Subject> handBuilt() {
    return Stream.of(
        subject(numbers(), new Facts("e", new Leaf("l", 0, List.of()))),
        subject(shapes(), new NoFacts()),
        subject(holder(), null),
        subject(new Leaf(null, null, null), new Facts(null, null)),
        subject(new Overlapping("f", "from resource", "l"), new OverlappingFacts("from facts", "o")),
        subject(new Overlapping("f", null, "l"), new OverlappingFacts("from facts", "o")),
        subject(new Overlapping("f", "from resource", "l"), new OverlappingFacts(null, "o")),
        subject(new Renamed("n", "h", "k"), new WithGetter("g")));
  }

  @ParameterizedTest
  @MethodSource("handBuilt")
  void handBuiltRecordsConvertAsThroughAJacksonTree(Subject subject) {
    assertSameAsJackson(subject);
  }

  @Test
  void recordsJacksonWouldWriteDifferentlyGoThroughJackson() {
    Map<String, Object> value = CelValues.subjectValue(subject(holder(), null));

    assertThat(value.get("renamed")).isEqualTo(Map.of("renamedName", "n", "kept", "k"));
    assertThat(value.get("nonEmpty")).isEqualTo(Map.of("a", "a"));
    assertThat(List.copyOf(((Map<?, ?>) value.get("ordered")).keySet())).isEqualTo(List.of("z", "a"));
    assertThat(value.get("withGetter")).isEqualTo(Map.of("a", "a", "extra", "extra", "shiny", true));
    assertThat(value.get("withDefault")).isEqualTo(Map.of("a", "a", "defaulted", "from interface"));
    assertThat(RecordLayout.of(Renamed.class)).isNull();
    assertThat(RecordLayout.of(WithGetter.class)).isNull();
    assertThat(RecordLayout.of(Oddly.class)).isNotNull();
    assertThat(RecordLayout.of(Leaf.class)).isNotNull();
  }

  @Test
  void numbersBecomeLongsAndDoubles() {
    Map<String, Object> value = CelValues.subjectValue(subject(numbers(), null));

    assertThat(value).containsEntry("i", 1L).containsEntry("boxedShort", 4L).containsEntry("b", 5L)
        .containsEntry("f", (double) 0.1f).containsEntry("small", 10L)
        .containsEntry("huge", 1.2345678901234568E29).containsEntry("fraction", 1.5).containsEntry("whole", 2.0)
        .containsEntry("c", "c");
  }

  @Test
  void theViewBehavesAsAReadOnlyMap() {
    Subject subject = subject(shapes(), new Facts("e", null));
    Map<String, Object> view = CelValues.subjectValue(subject);
    Map<String, Object> copy = JacksonTreePath.subjectValue(subject);

    assertThat(view.containsKey("absent")).isFalse();
    assertThat(view.get("absent")).isNull();
    assertThat(view.containsKey("nullNested")).isFalse();
    assertThat(view.containsKey("no such field")).isFalse();
    assertThat(view.get(42)).isNull();
    assertThat(view.containsKey("empty")).isTrue();
    assertThat(view.get("empty")).isEqualTo(List.of());
    assertThat(view.keySet()).containsExactlyElementsOf(copy.keySet());
    assertThat(view.values()).containsExactlyElementsOf(copy.values());
    assertThat(view.containsValue("here")).isTrue();
    assertThat(view.isEmpty()).isFalse();
    assertThat(view.toString()).isEqualTo(copy.toString());
    assertThatThrownBy(() -> view.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> view.remove("present")).isInstanceOf(UnsupportedOperationException.class);
    Map<?, ?> nested = (Map<?, ?>) view.get("nested");
    Iterator<?> entries = nested.entrySet().iterator();
    entries.next();
    assertThatThrownBy(entries::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((Map.Entry<String, Object>) view.entrySet().iterator().next()).setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(CelValues.subjectValue(subject(new Leaf(null, null, null), new NoFacts()))).isEmpty();
  }

  @Test
  void aRecordWhoseAccessorFailsFailsTheConversionOnlyWhenRead() {
    record Failing(String fine, String broken) {
      @Override
      public String broken() {
        throw new IllegalStateException("cannot tell");
      }
    }
    Map<String, Object> view = CelValues.subjectValue(subject(new Failing("ok", "x"), null));

    assertThat(view.get("fine")).isEqualTo("ok");
    assertThatThrownBy(() -> view.get("broken")).hasMessageContaining("cannot tell");
  }

  /**
   * Same entries, same order, same Java types (a Long is not an Integer to {@code equals}), and the
   * Map contract both ways.
   */
  static void assertSameAsJackson(Subject subject) {
    Map<String, Object> expected = JacksonTreePath.subjectValue(subject);
    Map<String, Object> actual = CelValues.subjectValue(subject);

    assertThat(ordered(actual)).isEqualTo(ordered(expected));
    assertThat(actual.equals(expected)).isTrue();
    assertThat(expected.equals(actual)).isTrue();
    assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
    assertThat(actual.size()).isEqualTo(expected.size());
    for (String name : expected.keySet()) {
      assertThat(actual.containsKey(name)).as(name).isTrue();
    }
    // has() on a field the records declare but left null must stay false.
    for (Record part : Arrays.asList(subject.resource(), subject.facts())) {
      if (part == null) {
        continue;
      }
      for (java.lang.reflect.RecordComponent component : part.getClass().getRecordComponents()) {
        if (!expected.containsKey(component.getName())) {
          assertThat(actual.containsKey(component.getName())).as("has(" + component.getName() + ")").isFalse();
          assertThat(actual.get(component.getName())).as(component.getName()).isNull();
        }
      }
    }
    // A fresh view, read by selection only, as CEL reads it, before anything iterated it.
    Map<String, Object> fresh = CelValues.subjectValue(subject);
    for (Map.Entry<String, Object> entry : expected.entrySet()) {
      assertThat(ordered(fresh.get(entry.getKey()))).as(entry.getKey()).isEqualTo(ordered(entry.getValue()));
    }
  }

  /**
   * A value with map order made visible: maps become lists of [key, value] pairs, recursively,
   * and every leaf is paired with its class.
   */
  static Object ordered(Object value) {
    if (value instanceof Map<?, ?> map) {
      List<Object> entries = new ArrayList<>();
      map.forEach((k, v) -> entries.add(List.of(k, ordered(v))));
      return List.of("map", entries);
    }
    if (value instanceof List<?> list) {
      return List.of("list", list.stream().map(SubjectConversionTest::ordered).toList());
    }
    return value == null ? "null" : List.of(value.getClass().getName(), value);
  }
}
