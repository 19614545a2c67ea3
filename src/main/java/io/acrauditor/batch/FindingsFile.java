package io.acrauditor.batch;

import io.acrauditor.files.OutputLimit;
import io.acrauditor.files.OutputTooLargeException;
import io.acrauditor.files.PrivateFiles;
import io.acrauditor.findings.Finding;
import io.acrauditor.inventory.SharedStrings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The findings of the evaluate step, one JSON line each, appended chunk by chunk. They wait on
 * disk, not in the heap, while the index of a large estate is still needed, and the report step
 * reads them back once that index is gone. It is also the evaluation a restart of the report reads.
 */
final class FindingsFile implements AutoCloseable {
  private static final ObjectWriter WRITER = JsonMapper.builder().build().writerFor(Finding.class);

  private final Path file;
  private final BufferedWriter out;
  private int count;

  private FindingsFile(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /** Starts the file afresh: a re-run of the evaluate step replaces what an earlier attempt wrote. */
  static FindingsFile create(Path file) {
    PrivateFiles.directory(file.getParent());
    return new FindingsFile(file, new BufferedWriter(
        new OutputStreamWriter(OutputLimit.bound(PrivateFiles.create(file), file), StandardCharsets.UTF_8)));
  }

  void append(List<Finding> findings) {
    try {
      for (Finding finding : findings) {
        out.write(WRITER.writeValueAsString(finding));
        out.newLine();
        count++;
      }
      // A chunk's findings are on disk when its chunk is committed.
      out.flush();
    } catch (OutputLimit.Exceeded e) {
      throw new OutputTooLargeException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the findings in " + file, e);
    }
  }

  int count() {
    return count;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the findings in " + file, e);
    }
  }

  /**
   * The findings in the order they were written. Equal strings (rule titles, references, ids)
   * are read into one copy each.
   */
  static List<Finding> read(Path file, int expected) {
    // Integers as Long, as the rules produced them (CEL has no 32-bit int): what was written comes back equal.
    if (!PrivateFiles.isRegularFile(file)) {
      throw new IllegalStateException("the findings of this run are missing or not a regular file (" + file
          + "); run the audit again");
    }
    ObjectReader reader = JsonMapper.builder().addModule(SharedStrings.module())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.USE_LONG_FOR_INTS).build().readerFor(Finding.class);
    List<Finding> findings = new ArrayList<>(expected);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        findings.add(reader.readValue(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the findings back from " + file, e);
    }
    if (findings.size() != expected) {
      throw new IllegalStateException("the evaluation kept " + expected + " findings in " + file + " but "
          + findings.size() + " are there; run the audit again");
    }
    return findings;
  }
}
