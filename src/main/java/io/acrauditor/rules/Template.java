package io.acrauditor.rules;

import dev.cel.runtime.CelRuntime;
import io.acrauditor.inventory.index.SubjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Text with {@code ${CEL}} placeholders, each compiled once at load. {@code $${} writes a literal
 * {@code ${}, for shell variables in commands. A placeholder that fails on a subject renders as
 * {@code <unknown>} and is reported, so a finding is never lost to a cosmetic error. In a shell
 * command ({@link #compileCommand}) every value is quoted for where it stands ({@link ShellQuoting}).
 */
final class Template {
  static final String UNKNOWN = "<unknown>";

  private sealed interface Part permits Literal, Placeholder {}

  private record Literal(String text) implements Part {}

  /** {@code shell} is how the value is quoted: null outside a command. */
  private record Placeholder(String expression, CelRuntime.Program program, ShellQuoting.Context shell)
      implements Part {}

  private final String source;
  private final List<Part> parts;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  String source() {
    return source;
  }

  static Template compile(String text, String where, SubjectKind kind, Shape.Fields params) {
    return compile(text, where, kind, params, false);
  }

  /** A template of a shell command: each placeholder's value is quoted for the shell. */
  static Template compileCommand(String text, String where, SubjectKind kind, Shape.Fields params) {
    return compile(text, where, kind, params, true);
  }

  private static Template compile(String text, String where, SubjectKind kind, Shape.Fields params, boolean command) {
    List<Part> parts = new ArrayList<>();
    ShellQuoting.Context context = ShellQuoting.Context.BARE;
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = closingBrace(text, i + 2);
        if (end < 0) {
          throw new IllegalArgumentException(where + ": placeholder '" + RuleCel.oneLine(text.substring(i))
              + "' has no closing '}'");
        }
        String expression = text.substring(i + 2, end).strip();
        if (!literal.isEmpty()) {
          context = ShellQuoting.after(literal.toString(), context);
          parts.add(new Literal(literal.toString()));
          literal.setLength(0);
        }
        String placeholderWhere = where + " placeholder ${" + expression + "}";
        parts.add(new Placeholder(expression,
            RuleCel.get().compile(kind, params, placeholderWhere, expression, RuleCel.Result.ANY),
            command ? context : null));
        i = end + 1;
      } else {
        literal.append(text.charAt(i));
        i++;
      }
    }
    if (!literal.isEmpty()) {
      parts.add(new Literal(literal.toString()));
    }
    return new Template(text, parts);
  }

  /** The index of the '}' closing a placeholder, skipping braces inside CEL maps and strings. */
  private static int closingBrace(String text, int from) {
    int depth = 0;
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    return -1;
  }

  String render(RuleEvaluation.Vars vars, EvaluationTime time, Consumer<String> onError) {
    if (parts.size() == 1 && parts.get(0) instanceof Literal only) {
      return only.text();
    }
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        out.append(literal.text());
      } else if (part instanceof Placeholder placeholder) {
        RuleEvaluation.Result result = RuleEvaluation.run(placeholder.program(), vars, time);
        if (result.error() != null) {
          onError.accept("placeholder ${" + placeholder.expression() + "}: " + result.error());
          out.append(UNKNOWN);
        } else {
          String value = CelValues.toPlain(result.value()).map(CelValues::display).orElse(null);
          if (value == null) {
            out.append(UNKNOWN);
          } else {
            out.append(placeholder.shell() == null ? value : ShellQuoting.quote(value, placeholder.shell()));
          }
        }
      }
    }
    return out.toString();
  }
}
