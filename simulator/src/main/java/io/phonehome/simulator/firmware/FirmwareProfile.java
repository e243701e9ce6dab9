package io.phonehome.simulator.firmware;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A firmware build of the virtual handset, as read from a profile file (contract in
 * DESIGN.md): build identity, initial settings, the switches Settings &gt; Privacy shows,
 * and the services that talk to the network.
 */
public record FirmwareProfile(
    Path source,
    Build build,
    Map<String, String> settings,
    Map<String, String> privacySwitches,
    List<Service> services,
    Messaging messaging) {

  public FirmwareProfile {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    privacySwitches = Collections.unmodifiableMap(new LinkedHashMap<>(privacySwitches));
    services = List.copyOf(services);
    messaging = messaging == null ? Messaging.CARRIER_ONLY : messaging;
  }

  /** A profile whose texts always go through the carrier. */
  public FirmwareProfile(Path source, Build build, Map<String, String> settings,
      Map<String, String> privacySwitches, List<Service> services) {
    this(source, build, settings, privacySwitches, services, Messaging.CARRIER_ONLY);
  }

  /**
   * How the Messaging app sends a text (the profile's optional {@code messaging:} section).
   *
   * @param smsOverDataWhen while it holds, texts go over data and leave no carrier trace;
   *     {@code null}: every text goes through the carrier
   */
  public record Messaging(Condition smsOverDataWhen) {
    public static final Messaging CARRIER_ONLY = new Messaging(null);

    /** Whether a text sent now goes over data, given the live settings. */
    public boolean smsOverData(java.util.function.Function<String, String> settings) {
      return smsOverDataWhen != null && smsOverDataWhen.test(settings);
    }
  }

  /**
   * Build identity. The fingerprint has Android's shape
   * {@code brand/product/device:release/id/incremental:type/tags}.
   */
  public record Build(String displayId, String fingerprint) {
    public String brand() {
      return part(0, "/");
    }

    public String product() {
      return part(1, "/");
    }

    public String device() {
      String d = part(2, "/");
      int colon = d.indexOf(':');
      return colon < 0 ? d : d.substring(0, colon);
    }

    public String release() {
      String[] halves = fingerprint.split(":");
      if (halves.length < 2) {
        return "";
      }
      return halves[1].split("/")[0];
    }

    /** The API level matching {@link #release()}, as {@code ro.build.version.sdk} shows it. */
    public int sdk() {
      String r = release();
      String[][] table = {
        {"4.1", "16"}, {"4.2", "17"}, {"4.3", "18"}, {"4.4", "19"}, {"5.0", "21"}, {"5.1", "22"},
        {"6", "23"}, {"7.0", "24"}, {"7.1", "25"}, {"8.0", "26"}, {"8.1", "27"}, {"9", "28"},
        {"10", "29"}, {"11", "30"}, {"12", "31"}, {"13", "33"}, {"14", "34"}, {"15", "35"}
      };
      for (String[] row : table) {
        if (r.equals(row[0]) || r.startsWith(row[0] + ".")) {
          return Integer.parseInt(row[1]);
        }
      }
      return 34;
    }

    private String part(int index, String sep) {
      String[] parts = fingerprint.split(sep);
      return parts.length > index ? parts[index] : "";
    }
  }
}
