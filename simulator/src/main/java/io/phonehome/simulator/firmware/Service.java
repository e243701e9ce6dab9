package io.phonehome.simulator.firmware;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One network service of a firmware profile: when it runs, under which condition, and
 * the request it sends.
 *
 * @param name unique within the profile; used in logs
 * @param line where the service starts in its profile
 * @param trigger when it runs
 * @param when the condition checked at fire time; {@code null} runs unconditionally
 * @param method the HTTP method, upper case
 * @param url the URL template; scheme and host are literal
 * @param route whether it honours the proxy setting
 * @param tls which certificates it accepts for https
 * @param headers header templates, in profile order
 * @param body the body template, {@code null} for none
 * @param contentEncoding how the rendered body is compressed
 * @param uploadRate how many body bytes per second go on the wire (profile key
 *     {@code upload-rate}); {@code 0} sends the body at once, as without the key
 */
public record Service(
    String name,
    int line,
    Trigger trigger,
    Condition when,
    String method,
    Template url,
    Route route,
    TlsTrust tls,
    Map<String, Template> headers,
    Template body,
    ContentEncoding contentEncoding,
    long uploadRate) {

  public Service {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    if (uploadRate < 0) {
      throw new IllegalArgumentException("upload rate must be 0 (unthrottled) or positive: " + uploadRate);
    }
  }

  public Optional<Condition> condition() {
    return Optional.ofNullable(when);
  }

  public Optional<Template> bodyTemplate() {
    return Optional.ofNullable(body);
  }

  /** Whether the body is sent slowly, at {@link #uploadRate()} bytes per second. */
  public boolean paced() {
    return uploadRate > 0;
  }
}
