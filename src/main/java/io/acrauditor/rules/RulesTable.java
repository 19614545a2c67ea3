package io.acrauditor.rules;

import io.acrauditor.findings.Reference;
import io.acrauditor.inventory.ServiceDefault;
import io.acrauditor.inventory.ServiceDefaults;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue as one Markdown table (id, title, severity, what absent means, references), the
 * one docs/rules.md carries between its {@link #START} and {@link #END} markers. Generated, so the
 * documentation cannot drift from the rules.
 */
public final class RulesTable {
  public static final String START = "<!-- rules-table:start (generated from the catalogue; RulesTableTest checks it) -->";
  public static final String END = "<!-- rules-table:end -->";

  private RulesTable() {}

  public static String markdown(RuleCatalog catalog) {
    StringBuilder table = new StringBuilder();
    table.append("| id | title | severity | what absent means | references |\n");
    table.append("| --- | --- | --- | --- | --- |\n");
    for (CompiledRule rule : catalog.rules()) {
      table.append("| ").append(rule.id())
          .append(" | ").append(cell(rule.title()))
          .append(" | ").append(rule.severity().label())
          .append(" | ").append(cell(absentMeaning(rule)))
          .append(" | ").append(cell(references(rule.references())))
          .append(" |\n");
    }
    return table.toString();
  }

  /** The document with the table between its markers replaced by the current one. */
  public static String replaceIn(String document, RuleCatalog catalog) {
    int start = document.indexOf(START);
    int end = document.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("the document has no " + START + " ... " + END + " section");
    }
    return document.substring(0, start + START.length()) + "\n\n" + markdown(catalog) + "\n" + document.substring(end);
  }

  /** The service defaults the condition relies on, or that it reads nothing with a default. */
  private static String absentMeaning(CompiledRule rule) {
    List<String> meanings = new ArrayList<>();
    for (String path : rule.reads()) {
      ServiceDefault d = ServiceDefaults.find(rule.subject().resource(), path);
      if (d != null) {
        meanings.add("`" + d.path() + "` = " + shown(d.value()));
      }
    }
    return meanings.isEmpty() ? "reads no property with a service default" : String.join(", ", meanings);
  }

  private static String shown(Object value) {
    return value instanceof List<?> list && list.isEmpty() ? "none" : "`" + value + "`";
  }

  private static String references(List<Reference> references) {
    List<String> shown = new ArrayList<>();
    for (Reference r : references) {
      switch (r.kind()) {
        case "azure-policy" -> shown.add("Azure Policy " + r.id().substring(0, Math.min(8, r.id().length())));
        case "mcsb" -> shown.add("MCSB " + r.id());
        default -> shown.add(r.url() == null ? r.title() : "[" + r.title() + "](" + r.url() + ")");
      }
    }
    return String.join("; ", shown);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
