package io.acrauditor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrauditor.inventory.index.SubjectKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Remediation commands are pasted into a shell by reviewers: a value from the estate must reach
 * the command as one word with exactly its text, bare or inside the command's own quotes. Proved
 * by running the rendered command in a real POSIX shell.
 */
class ShellQuotingTest {
  @TempDir Path tmp;

  private static String render(String command, String name) {
    Template template = Template.compileCommand(command, "remediation.commands[0]", SubjectKind.REGISTRY,
        Shape.ofParameters(Set.of()));
    EvaluationTime time = EvaluationTime.of(Instant.parse("2026-01-01T00:00:00Z"));
    RuleEvaluation.Vars vars = new RuleEvaluation.Vars(SubjectKind.REGISTRY.variable(),
        Optional.of(Map.of("name", name)), Optional.of(Map.of()), time.celNow());
    List<String> errors = new ArrayList<>();
    String rendered = template.render(vars, time, errors::add);
    assertThat(errors).isEmpty();
    return rendered;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "a;touch pwned", "$(touch pwned)", "`touch pwned`", "it's", "say \"hi\"", "back\\slash", "two\nlines",
      "${HOME}", "*", "a b", "'", "", "\u202Egnp.exe"})
  void aHostileValueIsOneWordWithItsTextBareAndInTheCommandsOwnQuotes(String name) throws Exception {
    String rendered = render("printf '[%s]\\n' ${registry.name} \"in double ${registry.name}\" 'in single ${registry.name}'"
        + " --x${registry.name}-2", name);
    assertThat(shell(rendered)).isEqualTo(
        "[" + name + "]\n[in double " + name + "]\n[in single " + name + "]\n[--x" + name + "-2]\n");
    assertThat(tmp.resolve("pwned")).doesNotExist();
  }

  @Test
  void safeValuesStayReadable() {
    assertThat(render("az acr update --name ${registry.name} --admin-enabled false", "contosoacr"))
        .isEqualTo("az acr update --name contosoacr --admin-enabled false");
    assertThat(render("az role assignment delete --ids ${registry.name}",
        "/subscriptions/s/resourceGroups/rg-1/providers/Microsoft.Authorization/roleAssignments/a@b+c=d,e:f"))
        .isEqualTo("az role assignment delete --ids "
            + "/subscriptions/s/resourceGroups/rg-1/providers/Microsoft.Authorization/roleAssignments/a@b+c=d,e:f");
    assertThat(render("az acr update --name ${registry.name}", "a;b")).isEqualTo("az acr update --name 'a;b'");
    assertThat(render("az acr update --name ${registry.name}", "it's")).isEqualTo("az acr update --name 'it'\\''s'");
  }

  @Test
  void messagesAreNotShellQuoted() {
    Template message = Template.compile("Registry ${registry.name} is open.", "message", SubjectKind.REGISTRY,
        Shape.ofParameters(Set.of()));
    EvaluationTime time = EvaluationTime.of(Instant.parse("2026-01-01T00:00:00Z"));
    RuleEvaluation.Vars vars = new RuleEvaluation.Vars(SubjectKind.REGISTRY.variable(),
        Optional.of(Map.of("name", "a b")), Optional.of(Map.of()), time.celNow());
    assertThat(message.render(vars, time, e -> { })).isEqualTo("Registry a b is open.");
  }

  private String shell(String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("/bin/sh", "-c", command).directory(tmp.toFile())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }
}
