package io.phonehome.simulator.runtime;

import io.phonehome.simulator.firmware.ContentEncoding;
import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.Service;
import io.phonehome.simulator.firmware.Template;
import io.phonehome.simulator.net.HttpRequest;
import io.phonehome.simulator.net.Url;
import io.phonehome.simulator.state.Identity;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns a service and the handset's identity (plus an event's values) into a request. */
public final class RequestRenderer {
  private RequestRenderer() {}

  /**
   * The value of each placeholder: the event's own values first ({@code sms.body},
   * {@code sms.to}, or any placeholder an event overrides), then the identity;
   * {@code contacts} joins the contact numbers with commas. Missing values are {@code null}.
   */
  public static Function<String, String> values(Identity identity, Map<String, String> context) {
    return name -> {
      if (context.containsKey(name)) {
        return context.get(name);
      }
      if (name.equals("contacts")) {
        return String.join(",", identity.contacts());
      }
      return identity.values().get(name);
    };
  }

  /** Renders URL, headers and body, compresses the body and labels it; the request keeps the service's upload rate. */
  public static HttpRequest render(Service service, FirmwareProfile.Build build, Function<String, String> values) {
    String fp = build.fingerprint();
    Url url = Url.parse(service.url().renderText(values, fp));
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    boolean userAgent = false;
    for (Map.Entry<String, Template> h : service.headers().entrySet()) {
      headers.add(new AbstractMap.SimpleImmutableEntry<>(h.getKey(), h.getValue().renderText(values, fp)));
      userAgent |= h.getKey().equalsIgnoreCase("User-Agent");
    }
    if (!userAgent) {
      headers.add(0, new AbstractMap.SimpleImmutableEntry<>("User-Agent", dalvikAgent(build)));
    }
    byte[] body = null;
    if (service.body() != null) {
      body = service.contentEncoding().encode(service.body().render(values, fp));
      if (service.contentEncoding() != ContentEncoding.IDENTITY) {
        headers.add(new AbstractMap.SimpleImmutableEntry<>("Content-Encoding", service.contentEncoding().word()));
      }
    }
    return new HttpRequest(service.method(), url, headers, body, service.uploadRate());
  }

  /** The User-Agent Android's HTTP stack sends for a build. */
  static String dalvikAgent(FirmwareProfile.Build build) {
    String[] parts = build.fingerprint().split("/");
    String id = parts.length > 3 ? parts[3] : "";
    String vm = build.sdk() >= 21 ? "2.1.0" : "1.6.0";
    return "Dalvik/" + vm + " (Linux; U; Android " + build.release() + "; " + build.device() + " Build/" + id + ")";
  }
}
