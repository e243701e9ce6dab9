package io.phonehome.device;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Android release a build fingerprint names ({@code brand/product/device:RELEASE/...})
 * and its API level, as {@code ro.build.version.sdk} shows it: what the UiAutomator2
 * driver checks before it drives a phone.
 *
 * @param release {@code 4.3}, {@code 9}, {@code 14}; empty when the fingerprint has none
 * @param api the API level of that release; 0 when unknown
 */
public record AndroidRelease(String release, int api, String fingerprint) {
  private static final String[][] API_LEVELS = {
    {"4.1", "16"}, {"4.2", "17"}, {"4.3", "18"}, {"4.4", "19"}, {"5.0", "21"}, {"5.1", "22"},
    {"6", "23"}, {"7.0", "24"}, {"7.1", "25"}, {"8.0", "26"}, {"8.1", "27"}, {"9", "28"},
    {"10", "29"}, {"11", "30"}, {"12", "31"}, {"13", "33"}, {"14", "34"}, {"15", "35"}
  };

  /** The release of a fingerprint. */
  public static AndroidRelease ofFingerprint(String fingerprint) {
    String[] halves = fingerprint.split(":");
    String release = halves.length < 2 ? "" : halves[1].split("/")[0];
    for (String[] row : API_LEVELS) {
      if (release.equals(row[0]) || release.startsWith(row[0] + ".")) {
        return new AndroidRelease(release, Integer.parseInt(row[1]), fingerprint);
      }
    }
    return new AndroidRelease(release, 0, fingerprint);
  }

  /** The release of a virtual handset's firmware profile ({@code build.fingerprint}). */
  public static AndroidRelease ofProfile(Path profile) {
    try (Reader in = Files.newBufferedReader(profile)) {
      Object root = new Yaml(new LoaderOptions()).load(in);
      if (root instanceof Map<?, ?> top && top.get("build") instanceof Map<?, ?> build
          && build.get("fingerprint") != null) {
        return ofFingerprint(String.valueOf(build.get("fingerprint")));
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable profile is the handset's to refuse, with its line
    }
    return new AndroidRelease("", 0, "");
  }

  @Override
  public String toString() {
    return release.isEmpty() ? "of an unknown Android release (fingerprint '" + fingerprint + "')"
        : "Android " + release + " (API " + api + ", fingerprint " + fingerprint + ")";
  }
}
