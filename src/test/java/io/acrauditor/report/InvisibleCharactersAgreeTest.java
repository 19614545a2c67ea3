package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.text.Printable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The terminal, the HTML and PDF report and findings.json must agree on which characters a reader
 * may not see raw: one of them letting a right-to-left override through would be enough to show a
 * reviewer a name that is not what the evidence says.
 */
class InvisibleCharactersAgreeTest {
  @Test
  void terminalReportAndJsonMarkExactlyTheSameCharacters() throws Exception {
    List<String> disagreements = new ArrayList<>();
    int marked = 0;
    for (int c = 0; c <= 0xFFFF; c++) {
      if (Character.isSurrogate((char) c) || c == '\n' || c == '\t' || c == '\r' || c == '"' || c == '\\') {
        continue; // line breaks stay in multi-line text; JSON escapes quotes and backslashes by its own grammar
      }
      String s = String.valueOf((char) c);
      boolean terminal = !Printable.line(s).equals(s);
      boolean report = !VisibleText.of(s).equals(s);
      boolean json = !ReportJson.MAPPER.writeValueAsString(s).equals("\"" + s + "\"");
      if (terminal != report || report != json) {
        disagreements.add(String.format("U+%04X terminal=%s report=%s json=%s", c, terminal, report, json));
      }
      marked += report ? 1 : 0;
    }
    assertThat(disagreements).isEmpty();
    // C0 less the three line breaks, DEL, C1; LRM, RLM, ALM, 5 embeddings and overrides, 4
    // isolates; zero width space, non-joiner, joiner, word joiner, byte order mark.
    assertThat(marked).isEqualTo(29 + 1 + 32 + 3 + 5 + 4 + 5);
  }
}
