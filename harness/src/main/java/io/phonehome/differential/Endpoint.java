package io.phonehome.differential;

import io.phonehome.capture.Channel;
import io.phonehome.capture.Flow;
import io.phonehome.detect.Finding;
import java.util.Objects;

/**
 * Where flows go, as the differential comparison groups them: channel, method, host and
 * the URL without its query, so that requests of one service fall together whatever
 * they carry in their parameters.
 *
 * @param channel how the flows left the phone
 * @param method HTTP method, empty where the channel hides it
 * @param host the host the phone asked for
 * @param path the URL without query and fragment
 */
public record Endpoint(Channel channel, String method, String host, String path) {
  public Endpoint {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
  }

  public static Endpoint of(Flow flow) {
    return new Endpoint(flow.channel(), flow.method(), flow.host(), withoutQuery(flow.url()));
  }

  /** The endpoint of the flow a finding was made in. */
  public static Endpoint of(Finding finding) {
    return new Endpoint(finding.channel(), finding.method(), finding.host(), withoutQuery(finding.url()));
  }

  static String withoutQuery(String url) {
    int cut = url.length();
    int q = url.indexOf('?');
    int h = url.indexOf('#');
    if (q >= 0) {
      cut = q;
    }
    if (h >= 0 && h < cut) {
      cut = h;
    }
    return url.substring(0, cut);
  }

  @Override
  public String toString() {
    return channel.wireName() + " " + (method.isEmpty() ? "" : method + " ") + path;
  }
}
