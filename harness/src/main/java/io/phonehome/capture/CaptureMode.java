package io.phonehome.capture;

/** What the capture proxy does with what the phone sends (devices.yaml {@code lab.mode}). */
public enum CaptureMode {
  /** Answer every request in the lab: nothing leaves, not even a DNS lookup. */
  SINKHOLE("sinkhole"),
  /** Forward requests to where the phone meant them to go. */
  PASSTHROUGH("passthrough");

  private final String wireName;

  CaptureMode(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in devices.yaml and passed to the bridge addon. */
  public String wireName() {
    return wireName;
  }

  /** The mode named {@code name} in devices.yaml. */
  public static CaptureMode fromWireName(String name) {
    for (CaptureMode m : values()) {
      if (m.wireName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown capture mode \"" + name + "\": use sinkhole or passthrough");
  }
}
