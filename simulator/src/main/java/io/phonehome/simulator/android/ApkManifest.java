package io.phonehome.simulator.android;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What a package manager reads from an APK's {@code AndroidManifest.xml}: the package,
 * its version, the permissions it asks for, its activities (and which one the launcher
 * starts), services and instrumentations. Component names are fully qualified.
 *
 * @param launcherActivity the activity (or alias) with a MAIN/LAUNCHER intent filter, if any
 */
public record ApkManifest(
    String packageName,
    long versionCode,
    String versionName,
    int minSdk,
    int targetSdk,
    List<String> permissions,
    List<String> activities,
    Optional<String> launcherActivity,
    List<String> services,
    List<Instrumentation> instrumentations) {

  private static final String MAIN = "android.intent.action.MAIN";
  private static final String LAUNCHER = "android.intent.category.LAUNCHER";

  /** An {@code <instrumentation>}: its runner class and the package it instruments. */
  public record Instrumentation(String name, String targetPackage) {}

  /** Copies the lists. */
  public ApkManifest {
    permissions = List.copyOf(permissions);
    activities = List.copyOf(activities);
    services = List.copyOf(services);
    instrumentations = List.copyOf(instrumentations);
  }

  /**
   * Reads the manifest of an APK.
   *
   * @throws IllegalArgumentException when the bytes are not an APK with a compiled manifest
   */
  public static ApkManifest ofApk(byte[] apk) {
    byte[] manifest = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(apk))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals("AndroidManifest.xml")) {
          manifest = zip.readAllBytes();
          break;
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a zip archive: " + e.getMessage(), e);
    }
    if (manifest == null) {
      throw new IllegalArgumentException("no AndroidManifest.xml in the archive");
    }
    return of(BinaryXml.parse(manifest));
  }

  /** Reads a parsed {@code <manifest>} element. */
  public static ApkManifest of(BinaryXml.Element manifest) {
    if (!manifest.name().equals("manifest")) {
      throw new IllegalArgumentException("the root element is <" + manifest.name() + ">, not <manifest>");
    }
    String pkg = manifest.attribute("package").filter(p -> !p.isEmpty())
        .orElseThrow(() -> new IllegalArgumentException("<manifest> has no package attribute"));
    long versionCode = manifest.attribute("versionCode").map(ApkManifest::number).orElse(0L);
    String versionName = manifest.attribute("versionName").orElse("");
    int minSdk = 1;
    int targetSdk = 0;
    for (BinaryXml.Element uses : manifest.children("uses-sdk")) {
      minSdk = uses.attribute("minSdkVersion").map(v -> (int) number(v)).orElse(minSdk);
      targetSdk = uses.attribute("targetSdkVersion").map(v -> (int) number(v)).orElse(targetSdk);
    }
    List<String> permissions = new ArrayList<>();
    for (BinaryXml.Element p : manifest.children()) {
      if (p.name().startsWith("uses-permission")) {
        p.attribute("name").ifPresent(permissions::add);
      }
    }
    List<String> activities = new ArrayList<>();
    List<String> services = new ArrayList<>();
    String launcher = null;
    for (BinaryXml.Element app : manifest.children("application")) {
      for (BinaryXml.Element c : app.children()) {
        Optional<String> name = c.attribute("name").map(n -> qualify(pkg, n));
        if (name.isEmpty()) {
          continue;
        }
        switch (c.name()) {
          case "activity", "activity-alias" -> {
            activities.add(name.get());
            if (launcher == null && launchable(c)) {
              launcher = name.get();
            }
          }
          case "service" -> services.add(name.get());
          default -> {
            // receivers and providers are not started by the commands the handset serves
          }
        }
      }
    }
    List<Instrumentation> instrumentations = new ArrayList<>();
    for (BinaryXml.Element i : manifest.children("instrumentation")) {
      i.attribute("name").ifPresent(n -> instrumentations.add(
          new Instrumentation(qualify(pkg, n), i.attribute("targetPackage").orElse(pkg))));
    }
    return new ApkManifest(pkg, versionCode, versionName, minSdk, targetSdk, permissions, activities,
        Optional.ofNullable(launcher), services, instrumentations);
  }

  private static boolean launchable(BinaryXml.Element component) {
    for (BinaryXml.Element filter : component.children("intent-filter")) {
      boolean main = filter.children("action").stream().anyMatch(a -> a.attribute("name").orElse("").equals(MAIN));
      boolean launcher = filter.children("category").stream()
          .anyMatch(a -> a.attribute("name").orElse("").equals(LAUNCHER));
      if (main && launcher) {
        return true;
      }
    }
    return false;
  }

  /** A component's class name as the manifest gives it, made fully qualified. */
  static String qualify(String pkg, String name) {
    if (name.startsWith(".")) {
      return pkg + name;
    }
    return name.contains(".") ? name : pkg + "." + name;
  }

  private static long number(String value) {
    try {
      return value.startsWith("0x") ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
