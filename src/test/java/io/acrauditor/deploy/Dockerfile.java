package io.acrauditor.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way the builder reads it: comments dropped, continuation lines joined, one
 * instruction per entry, grouped into build stages by FROM (the preamble holds the ARGs before the
 * first FROM). Enough to check what the image will be without a Docker engine.
 */
record Dockerfile(List<Instruction> preamble, List<List<Instruction>> stages) {
  record Instruction(String keyword, String args, int line) {
    /** Flags such as --from=build or --chmod=0444 before the arguments proper. */
    List<String> flags() {
      List<String> flags = new ArrayList<>();
      for (String word : args.split("\\s+")) {
        if (!word.startsWith("--")) {
          break;
        }
        flags.add(word);
      }
      return flags;
    }

    /** The arguments after the flags, split on white space (shell form). */
    List<String> words() {
      List<String> words = new ArrayList<>(List.of(args.trim().split("\\s+")));
      words.removeAll(flags());
      return words;
    }

    /** The exec form ["a", "b"] as a list; null for the shell form. */
    List<String> execForm() {
      String a = args.trim();
      if (!a.startsWith("[")) {
        return null;
      }
      List<String> items = new ArrayList<>();
      Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(a);
      while (m.find()) {
        items.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
      }
      return items;
    }
  }

  static Dockerfile read(Path file) throws IOException {
    List<List<Instruction>> stages = new ArrayList<>();
    List<Instruction> preamble = new ArrayList<>();
    List<Instruction> current = preamble;
    StringBuilder pending = null;
    int startLine = 0;
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending == null)) {
        continue;
      }
      if (pending == null) {
        pending = new StringBuilder();
        startLine = i + 1;
      }
      boolean continues = trimmed.endsWith("\\");
      pending.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
      if (continues) {
        continue;
      }
      String text = pending.toString().strip();
      pending = null;
      int space = text.indexOf(' ');
      String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase();
      String rest = space < 0 ? "" : text.substring(space + 1).strip();
      Instruction instruction = new Instruction(keyword, rest, startLine);
      if (keyword.equals("FROM")) {
        current = new ArrayList<>();
        stages.add(current);
      }
      current.add(instruction);
    }
    return new Dockerfile(List.copyOf(preamble), List.copyOf(stages));
  }

  List<Instruction> finalStage() {
    return stages.get(stages.size() - 1);
  }

  /** Every instruction, the ARGs before the first FROM included. */
  List<Instruction> all() {
    List<Instruction> all = new ArrayList<>(preamble);
    stages.forEach(all::addAll);
    return all;
  }

  /** Last instruction of this keyword in the final stage, or null. */
  Instruction lastInFinalStage(String keyword) {
    Instruction found = null;
    for (Instruction i : finalStage()) {
      if (i.keyword().equals(keyword)) {
        found = i;
      }
    }
    return found;
  }
}
