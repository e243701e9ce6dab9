package io.phonehome.farm;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One phone as a relay node fronts it: the {@code appium:udid} sessions ask for, and the
 * WebDriver endpoint that drives that phone (an Appium server with the UiAutomator2
 * driver, or a virtual handset's own endpoint). Several targets may share one Appium
 * server; each gets a node of its own.
 *
 * @param udid how the endpoint knows the phone ({@code appium:udid}); sessions route by it
 * @param endpoint the WebDriver base URL, e.g. {@code http://127.0.0.1:4723}
 * @param statusEndpoint the path the relay polls for the endpoint's health; HTTP 200 is up
 * @param maxSessions how many sessions the node runs on this phone at once
 */
public record RelayTarget(String udid, URI endpoint, String statusEndpoint, int maxSessions) {
  /** The capabilities every slot of a relay node carries besides the udid. */
  public static final String PLATFORM = "Android";
  /** The automation every slot serves. */
  public static final String AUTOMATION = "UiAutomator2";

  /** Checks the parts: a udid, an http(s) endpoint, a path, at least one session. */
  public RelayTarget {
    Objects.requireNonNull(udid, "udid");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(statusEndpoint, "statusEndpoint");
    if (udid.isBlank()) {
      throw new IllegalArgumentException("a relay target needs a udid");
    }
    String scheme = endpoint.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
      throw new IllegalArgumentException("the WebDriver endpoint of " + udid + " must be an http URL, not '"
          + endpoint + "'");
    }
    if (!statusEndpoint.startsWith("/")) {
      statusEndpoint = "/" + statusEndpoint;
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("a relay target runs at least one session, not " + maxSessions);
    }
  }

  /** One session at a time, health from {@code GET /status}: what a phone's endpoint is. */
  public static RelayTarget of(String udid, URI endpoint) {
    return new RelayTarget(udid, endpoint, "/status", 1);
  }

  /** The endpoint without a trailing slash, as the relay joins paths to it. */
  public String url() {
    String u = endpoint.toString();
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  /** The URL the relay polls: {@link #url()} and {@link #statusEndpoint()}. */
  public URI statusUrl() {
    return URI.create(url() + statusEndpoint);
  }

  /**
   * The slot's stereotype: what a session must ask for to land here. The hub matches
   * {@code platformName} and every {@code appium:} capability the request names.
   */
  public Map<String, Object> stereotype() {
    Map<String, Object> caps = new LinkedHashMap<>();
    caps.put("platformName", PLATFORM);
    caps.put("appium:automationName", AUTOMATION);
    caps.put("appium:udid", udid);
    return caps;
  }
}
