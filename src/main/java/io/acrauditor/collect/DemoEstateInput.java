package io.acrauditor.collect;

import java.io.InputStream;
import java.nio.file.Path;

/** The bundled demo estate: a SaaS vendor sharing a registry with four clients (docs/demo-estate.md). */
public record DemoEstateInput() implements SnapshotInput {
  static final String RESOURCE = "/demo/estate.json";

  @Override
  public CollectedSnapshot collect(Path evidence) {
    return Evidence.capture(evidence, out -> {
      try (InputStream in = DemoEstateInput.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the demo estate is missing from the jar (" + RESOURCE + ")");
        }
        in.transferTo(out);
      }
    }, "demo estate " + RESOURCE);
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
