package io.phonehome.detect;

/** Where in a flow an identifier was found, as findings.json names it. */
public enum Location {
  URL("url"),
  HEADER("header"),
  COOKIE("cookie"),
  BODY("body"),
  /** The channel hides the content (tls-refused, quic). */
  NONE("none");

  private final String wireName;

  Location(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in findings.json and reports. */
  public String wireName() {
    return wireName;
  }

  public static Location fromWireName(String name) {
    for (Location l : values()) {
      if (l.wireName.equals(name)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown location: " + name);
  }
}
