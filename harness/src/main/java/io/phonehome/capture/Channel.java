package io.phonehome.capture;

/** How a flow left the phone, as findings.json names it. */
public enum Channel {
  /** Seen by the capture proxy. */
  PROXY("proxy"),
  /** Went around the proxy: seen only in a packet capture. */
  DIRECT("direct"),
  /** The phone would not open TLS with the lab CA, so the content is hidden. */
  TLS_REFUSED("tls-refused"),
  DNS("dns"),
  QUIC("quic");

  private final String wireName;

  Channel(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in findings.json and reports. */
  public String wireName() {
    return wireName;
  }

  public static Channel fromWireName(String name) {
    for (Channel c : values()) {
      if (c.wireName.equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown channel: " + name);
  }
}
