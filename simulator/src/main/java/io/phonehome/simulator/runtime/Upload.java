package io.phonehome.simulator.runtime;

/**
 * The outcome of one service run that sent something.
 *
 * @param status the HTTP status, or 0 when it failed or was not HTTP (tcp://, udp://, dns://)
 * @param error the one-line reason it failed, or {@code null}
 */
public record Upload(String service, String url, int status, String error) {
  public boolean ok() {
    return error == null;
  }
}
