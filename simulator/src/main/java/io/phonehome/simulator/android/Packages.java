package io.phonehome.simulator.android;

import io.phonehome.simulator.state.VirtualFs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The package manager's records: the build's system packages and the APKs installed
 * since, with what {@code pm install} read from each manifest. An installed APK's bytes
 * live at {@code /data/app/PACKAGE-N/base.apk} in the handset's file system, as
 * {@code pm path} reports.
 */
public final class Packages {
  /** The first app id Android hands an installed package ({@code u0_a85} is uid 10085). */
  private static final int FIRST_APP_UID = 10085;
  /** Permissions a user grants at run time on Android 6+; {@code pm install -g} grants them all. */
  private static final Set<String> RUNTIME_PERMISSIONS = Set.of(
      "android.permission.ACCESS_FINE_LOCATION", "android.permission.ACCESS_COARSE_LOCATION",
      "android.permission.ACCESS_BACKGROUND_LOCATION", "android.permission.READ_PHONE_STATE",
      "android.permission.CALL_PHONE", "android.permission.READ_SMS", "android.permission.SEND_SMS",
      "android.permission.RECEIVE_SMS", "android.permission.READ_CONTACTS", "android.permission.WRITE_CONTACTS",
      "android.permission.READ_CALL_LOG", "android.permission.CAMERA", "android.permission.RECORD_AUDIO",
      "android.permission.READ_EXTERNAL_STORAGE", "android.permission.WRITE_EXTERNAL_STORAGE",
      "android.permission.READ_MEDIA_IMAGES", "android.permission.BLUETOOTH_CONNECT",
      "android.permission.BLUETOOTH_SCAN", "android.permission.POST_NOTIFICATIONS");

  /**
   * One package.
   *
   * @param apkPath where its APK is, as {@code pm path} prints it
   * @param uid its Linux user id (1000 system, 10085 and up installed apps)
   * @param system whether the build ships it ({@code pm list packages -s})
   * @param granted the runtime permissions granted so far
   */
  public record Package(ApkManifest manifest, String apkPath, int uid, boolean system, Set<String> granted,
      Instant firstInstall, Instant lastUpdate) {
    public Package {
      granted = Set.copyOf(granted);
    }

    public String name() {
      return manifest.packageName();
    }

    /** The directory its APK is in ({@code codePath=} in {@code dumpsys package}). */
    public String codePath() {
      return apkPath.substring(0, apkPath.lastIndexOf('/'));
    }

    /** The permissions it asks for that a user grants at run time. */
    public List<String> runtimePermissions() {
      return manifest.permissions().stream().filter(RUNTIME_PERMISSIONS::contains).toList();
    }

    /** The permissions granted when it is installed. */
    public List<String> installPermissions() {
      return manifest.permissions().stream().filter(p -> !RUNTIME_PERMISSIONS.contains(p)).toList();
    }
  }

  /** Why {@code pm install} refused an APK: Android's failure code and its message. */
  public static final class InstallException extends Exception {
    private final String code;

    InstallException(String code, String message) {
      super(message);
      this.code = code;
    }

    /** {@code INSTALL_FAILED_OLDER_SDK} and the like. */
    public String code() {
      return code;
    }

    /** As {@code pm install} prints it: {@code Failure [CODE: message]}. */
    public String line() {
      return "Failure [" + code + (getMessage().isEmpty() ? "" : ": " + getMessage()) + "]";
    }
  }

  private final VirtualFs fs;
  private final int sdk;
  private final Map<String, Package> packages = new LinkedHashMap<>();
  private int nextUid = FIRST_APP_UID;
  private int installs;

  /**
   * The packages of a build of API level {@code sdk}: each system package with the
   * activities it shows, keyed by package.
   */
  public Packages(VirtualFs fs, int sdk, String release, Map<String, SystemApp> systemApps) {
    this.fs = fs;
    this.sdk = sdk;
    Instant built = Instant.parse("2009-01-01T00:00:00Z");
    for (Map.Entry<String, SystemApp> e : systemApps.entrySet()) {
      SystemApp app = e.getValue();
      ApkManifest m = new ApkManifest(e.getKey(), sdk, release, sdk, sdk, List.of(), app.activities(),
          app.activities().isEmpty() ? Optional.empty() : Optional.of(app.activities().get(0)), List.of(), List.of());
      packages.put(e.getKey(), new Package(m, app.apkPath(), app.uid(), true, Set.of(), built, built));
    }
  }

  /**
   * A package of the build.
   *
   * @param activities fully qualified; the first is the one the launcher starts (none: no icon)
   */
  public record SystemApp(String apkPath, int uid, List<String> activities) {
    public SystemApp {
      activities = List.copyOf(activities);
    }
  }

  /** The API level packages are installed for. */
  public int sdk() {
    return sdk;
  }

  /** The package of this name, installed or of the build. */
  public synchronized Optional<Package> get(String name) {
    return Optional.ofNullable(packages.get(name));
  }

  /** Every package, system ones first, in install order. */
  public synchronized List<Package> all() {
    return List.copyOf(packages.values());
  }

  /** Every instrumentation of every installed package. */
  public synchronized List<Map.Entry<Package, ApkManifest.Instrumentation>> instrumentations() {
    List<Map.Entry<Package, ApkManifest.Instrumentation>> out = new ArrayList<>();
    for (Package p : packages.values()) {
      for (ApkManifest.Instrumentation i : p.manifest().instrumentations()) {
        out.add(Map.entry(p, i));
      }
    }
    return out;
  }

  /**
   * Installs an APK as {@code pm install} does: reads its manifest, checks it against the
   * build and what is installed, and copies it to {@code /data/app}.
   *
   * @param replace {@code -r}: an installed package may be replaced
   * @param downgrade {@code -d}: a lower version code may replace a higher one
   * @param grant {@code -g}: every runtime permission it asks for is granted
   */
  public synchronized Package install(byte[] apk, String sourcePath, boolean replace, boolean downgrade,
      boolean grant) throws InstallException {
    ApkManifest m;
    try {
      m = ApkManifest.ofApk(apk);
    } catch (IllegalArgumentException e) {
      throw new InstallException("INSTALL_PARSE_FAILED_NOT_APK", "Failed to parse " + sourcePath + ": "
          + e.getMessage());
    }
    if (m.minSdk() > sdk) {
      throw new InstallException("INSTALL_FAILED_OLDER_SDK", "Failed parse during installPackageLI: "
          + sourcePath + ": Requires newer sdk version #" + m.minSdk() + " (current version is #" + sdk + ")");
    }
    Package before = packages.get(m.packageName());
    if (before != null && before.system()) {
      throw new InstallException("INSTALL_FAILED_UPDATE_INCOMPATIBLE", "Package " + m.packageName()
          + " signatures do not match previously installed version; ignoring!");
    }
    if (before != null && !replace) {
      throw new InstallException("INSTALL_FAILED_ALREADY_EXISTS", "Attempt to re-install " + m.packageName()
          + " without first uninstalling.");
    }
    if (before != null && !downgrade && m.versionCode() < before.manifest().versionCode()) {
      throw new InstallException("INSTALL_FAILED_VERSION_DOWNGRADE", "");
    }
    installs++;
    String dir = "/data/app/" + m.packageName() + "-" + installs;
    if (before != null) {
      deleteTree(before.codePath());
    }
    String path = dir + "/base.apk";
    fs.mkdirs(dir);
    fs.write(path, apk, 0644);
    Set<String> granted = new LinkedHashSet<>(before == null ? Set.of() : before.granted());
    if (grant) {
      m.permissions().stream().filter(RUNTIME_PERMISSIONS::contains).forEach(granted::add);
    }
    Instant now = Instant.now();
    Package p = new Package(m, path, before == null ? nextUid++ : before.uid(), false, granted,
        before == null ? now : before.firstInstall(), now);
    packages.put(m.packageName(), p);
    return p;
  }

  /** {@code pm uninstall}: removes an installed (not a system) package; false when there is none. */
  public synchronized boolean uninstall(String name) {
    Package p = packages.get(name);
    if (p == null || p.system()) {
      return false;
    }
    packages.remove(name);
    deleteTree(p.codePath());
    return true;
  }

  /** {@code pm grant} / {@code pm revoke} of a runtime permission the package asks for. */
  public synchronized void setGranted(String name, String permission, boolean granted) {
    Package p = packages.get(name);
    if (p == null) {
      throw new IllegalArgumentException("Unknown package: " + name);
    }
    if (!p.manifest().permissions().contains(permission)) {
      throw new SecurityException("Package " + name + " has not requested permission " + permission);
    }
    if (!RUNTIME_PERMISSIONS.contains(permission)) {
      throw new SecurityException("Permission " + permission + " is not a changeable permission type");
    }
    Set<String> now = new LinkedHashSet<>(p.granted());
    if (granted) {
      now.add(permission);
    } else {
      now.remove(permission);
    }
    packages.put(name, new Package(p.manifest(), p.apkPath(), p.uid(), p.system(), now, p.firstInstall(),
        p.lastUpdate()));
  }

  /** The Linux user name of a uid, as {@code ps} shows it: {@code system}, {@code u0_a85}. */
  public static String userName(int uid) {
    return switch (uid) {
      case 0 -> "root";
      case 1000 -> "system";
      case 1001 -> "radio";
      case 1036 -> "logd";
      case 2000 -> "shell";
      default -> uid >= 10000 ? "u0_a" + (uid - 10000) : Integer.toString(uid);
    };
  }

  /** A component as {@code am} and {@code dumpsys} print it: {@code pkg/.Cls} when the class is in the package. */
  public static String shortComponent(String pkg, String cls) {
    return pkg + "/" + (cls.startsWith(pkg + ".") ? cls.substring(pkg.length()) : cls);
  }

  /** A class name given as {@code .Cls} or {@code Cls} in a component, made fully qualified. */
  public static String qualify(String pkg, String cls) {
    return ApkManifest.qualify(pkg, cls);
  }

  private void deleteTree(String dir) {
    for (String name : fs.list(dir)) {
      fs.delete(dir + "/" + name);
    }
    fs.delete(dir);
  }
}
