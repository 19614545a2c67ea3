package io.acrauditor.collect;

import io.acrauditor.inventory.RoleAssignment;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The bundled demo estate: a SaaS vendor sharing a registry with four clients (docs/demo-estate.md). */
public record DemoEstateInput() implements SnapshotInput {
  static final String RESOURCE = "/demo/estate.json";

  @Override
  public CollectedSnapshot collect(Path evidence, Consumer<RoleAssignment> roleAssignments) {
    return Evidence.capture(evidence, out -> {
      try (InputStream in = DemoEstateInput.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the demo estate is missing from the jar (" + RESOURCE + ")");
        }
        in.transferTo(out);
      }
    }, "demo estate " + RESOURCE, roleAssignments);
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
