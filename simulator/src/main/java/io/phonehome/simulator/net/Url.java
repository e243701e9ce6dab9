package io.phonehome.simulator.net;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An http or https URL split the way a request needs it. Parsed by hand because rendered
 * firmware URLs carry raw bytes ({@code |}, {@code =} padding) that {@link java.net.URI}
 * rejects, and because the handset must never resolve the host.
 *
 * @param target the path and query as sent in origin-form, starting with {@code /}
 */
public record Url(String scheme, String host, int port, String target) {
  private static final Pattern FORM =
      Pattern.compile("(?i)(https?)://([A-Za-z0-9.\\-]+)(?::(\\d{1,5}))?([/?].*)?", Pattern.DOTALL);

  /**
   * Parses an absolute http or https URL.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static Url parse(String url) {
    Matcher m = FORM.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an http(s) URL: " + url);
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : scheme.equals("https") ? 443 : 80;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("bad port in " + url);
    }
    String target = m.group(4) == null ? "/" : escapeUnsafe(m.group(4));
    if (target.startsWith("?")) {
      target = "/" + target;
    }
    return new Url(scheme, m.group(2).toLowerCase(Locale.ROOT), port, target);
  }

  /**
   * Percent-encodes what may not stand in a request line (controls, space, non-ASCII), as
   * Android's URL class does with a template that rendered raw text into the path.
   */
  private static String escapeUnsafe(String target) {
    StringBuilder sb = new StringBuilder(target.length());
    for (byte b : target.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= 0x20 || c >= 0x7f) {
        sb.append('%').append(String.format("%02X", c));
      } else {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  public boolean secure() {
    return scheme.equals("https");
  }

  /** {@code host} or {@code host:port} when the port is not the scheme's default. */
  public String authority() {
    int standard = secure() ? 443 : 80;
    return port == standard ? host : host + ":" + port;
  }

  @Override
  public String toString() {
    return scheme + "://" + authority() + target;
  }
}
