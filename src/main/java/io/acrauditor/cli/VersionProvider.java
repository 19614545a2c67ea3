package io.acrauditor.cli;

import io.acrauditor.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"acr-auditor " + Version.describe()};
  }
}
