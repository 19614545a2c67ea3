package io.acrauditor.batch;

import io.acrauditor.files.OutputLimit;
import io.acrauditor.files.OutputTooLargeException;
import io.acrauditor.files.PrivateFiles;
import io.acrauditor.inventory.SharedStrings;
import io.acrauditor.inventory.index.AccessPath;
import io.acrauditor.inventory.index.RegistryAccessPaths;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access matrix written out registry by registry, one JSON line each, so that the report can
 * walk it after the index that computed it has been let go: a large estate's index and its
 * findings do not fit in the heap together. Only where each registry's line starts stays in memory.
 */
final class AccessMatrixFile implements RegistryAccessPaths {
  private static final TypeReference<List<AccessPath>> PATHS = new TypeReference<>() {};
  private static final ObjectWriter WRITER = JsonMapper.builder().build().writerFor(PATHS);

  private final Path file;
  private final long[] offsets;
  private final ObjectReader reader = JsonMapper.builder().addModule(SharedStrings.module()).build().readerFor(PATHS);

  private AccessMatrixFile(Path file, long[] offsets) {
    this.file = file;
    this.offsets = offsets;
  }

  /** Writes every registry's paths, as {@code source} computes them, to {@code file}. */
  static AccessMatrixFile write(Path file, RegistryAccessPaths source) {
    int registries = source.registryCount();
    long[] offsets = new long[registries + 1];
    try {
      PrivateFiles.directory(file.getParent());
      try (OutputStream out = new BufferedOutputStream(OutputLimit.bound(PrivateFiles.create(file), file))) {
        long position = 0;
        for (int i = 0; i < registries; i++) {
          offsets[i] = position;
          byte[] line = WRITER.writeValueAsBytes(source.paths(i));
          out.write(line);
          out.write('\n');
          position += line.length + 1;
        }
        offsets[registries] = position;
      }
    } catch (OutputLimit.Exceeded e) {
      throw new OutputTooLargeException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the access matrix in " + file, e);
    }
    return new AccessMatrixFile(file, offsets);
  }

  @Override
  public int registryCount() {
    return offsets.length - 1;
  }

  @Override
  public List<AccessPath> paths(int registry) {
    int length = (int) (offsets[registry + 1] - offsets[registry]) - 1;
    ByteBuffer line = ByteBuffer.allocate(length);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (line.hasRemaining()) {
        if (channel.read(line, offsets[registry] + line.position()) < 0) {
          throw new IOException("ends before the paths of registry " + registry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the access matrix back from " + file, e);
    }
    return new ArrayList<>(reader.readValue(line.array()));
  }
}
