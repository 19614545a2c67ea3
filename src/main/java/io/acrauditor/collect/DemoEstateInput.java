package io.acrauditor.collect;

import io.acrauditor.inventory.SnapshotReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The bundled demo estate: a SaaS vendor sharing a registry with four clients (docs/demo-estate.md). */
public record DemoEstateInput() implements SnapshotInput {
  static final String RESOURCE = "/demo/estate.json";

  @Override
  public CollectedSnapshot collect() {
    try (InputStream in = DemoEstateInput.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the demo estate is missing from the jar (" + RESOURCE + ")");
      }
      byte[] bytes = in.readAllBytes();
      return new CollectedSnapshot(new SnapshotReader().read(bytes, "demo estate " + RESOURCE), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String kind() {
    return "demo";
  }

  @Override
  public String describe() {
    return "the bundled demo estate";
  }
}
