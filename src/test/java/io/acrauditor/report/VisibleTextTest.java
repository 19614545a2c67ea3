package io.acrauditor.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VisibleTextTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      right-to-left override   | evil\u202Etxt.exe     | evil<U+202E>txt.exe
      isolate and pop          | a\u2066b\u2069c        | a<U+2066>b<U+2069>c
      zero width space         | acr\u200Bprod          | acr<U+200B>prod
      escape character         | red\u001B[31m          | red<U+001B>[31m
      plain text is untouched  | acrcontososhared       | acrcontososhared
      """)
  void hiddenCharactersBecomeVisibleMarkers(String name, String text, String shown) {
    assertThat(VisibleText.of(text)).isEqualTo(shown);
  }

  @Test
  void lineBreaksAndTabsStay() {
    assertThat(VisibleText.of("a\nb\tc\r\n")).isEqualTo("a\nb\tc\r\n");
  }
}
