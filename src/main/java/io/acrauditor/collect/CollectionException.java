package io.acrauditor.collect;

/**
 * Collection could not run at all: an endpoint is unreachable, its TLS certificate is not trusted,
 * or the credential cannot get a token. The message is one line naming the endpoint and the cause,
 * fit to print as is; the CLI maps this exception to exit code 2.
 *
 * <p>What goes wrong for one subscription, registry, workspace or Graph does not end up here: it
 * becomes a coverage gap and the run goes on.
 */
public class CollectionException extends RuntimeException {

  private final String endpoint;

  public CollectionException(String message, String endpoint, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
  }

  /** The URL (or authority) that failed, for logs and the one-line error. */
  public String endpoint() {
    return endpoint;
  }
}
