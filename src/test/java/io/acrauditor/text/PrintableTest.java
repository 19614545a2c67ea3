package io.acrauditor.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintableTest {
  @Test
  void escapeSequencesAndBidiOverridesBecomeVisible() {
    assertThat(Printable.line("reg\u001b[31mistry\u202eexe.txt")).isEqualTo("reg\\x1b[31mistry\\u202eexe.txt");
    assertThat(Printable.line("a\u0085b\u009bc\u007f")).isEqualTo("a\\x85b\\x9bc\\x7f");
    assertThat(Printable.line("two\nlines\r")).isEqualTo("two\\x0alines\\x0d");
    assertThat(Printable.line("\u2066isolate\u2069 \u200f")).isEqualTo("\\u2066isolate\\u2069 \\u200f");
  }

  @Test
  void ordinaryTextIncludingOtherScriptsIsUntouched() {
    String text = "Registry müller-東京 has 3 tokens: \"a\\b\"";
    assertThat(Printable.line(text)).isSameAs(text);
    assertThat(Printable.lines("line one\n\tat two")).isEqualTo("line one\n\tat two");
  }

  @Test
  void aLogStreamNeverPassesAnEscapeSequence() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (PrintableOutputStream out = new PrintableOutputStream(sink)) {
      out.write("WARN property \u001b]0;pwned\u0007 in \u202eregistry\n".getBytes(StandardCharsets.UTF_8));
    }
    String written = sink.toString(StandardCharsets.UTF_8);
    assertThat(written).isEqualTo("WARN property \\x1b]0;pwned\\x07 in \\u202eregistry\n");
    assertThat(written.chars()).noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x202e);
  }
}
