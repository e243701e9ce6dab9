package io.phonehome.simulator.android;

import io.phonehome.simulator.shell.AndroidShell;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.telephony.TelephonyPrograms;
import io.phonehome.simulator.webdriver.ui.App;
import io.phonehome.simulator.webdriver.ui.LauncherScreen;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Android 8+ framework a handset started with {@code --driver appium} shows over adb,
 * as a farm phone does to the UiAutomator2 driver: a package manager that installs APKs
 * ({@code adb install}), an activity manager with processes, foreground services and
 * instrumentations, and the tools that read them ({@code pm}, {@code cmd}, {@code am},
 * {@code dumpsys}, {@code ps}, {@code kill}, {@code appops}, {@code wm}, {@code input},
 * a following {@code logcat}). Its ports ({@link #ports()}) are what adbd's {@code tcp:}
 * service reaches.
 */
public final class AndroidFramework {
  /** The lowest API level the UiAutomator2 driver drives (Android 8.0). */
  public static final int MIN_SDK = 26;

  private final PhoneState state;
  private final Packages packages;
  private final Processes processes = new Processes();
  private final DevicePorts ports = new DevicePorts();
  private final ActivityManager activities;
  private final Set<String> idleWhitelist = ConcurrentHashMap.newKeySet();
  private final Map<String, String> appops = new ConcurrentHashMap<>();

  /**
   * The framework of the handset whose state and screens these are.
   *
   * @throws IllegalArgumentException when the firmware's API level is below {@link #MIN_SDK}
   */
  public AndroidFramework(PhoneState state, Ui ui) {
    this.state = state;
    int sdk = Integer.parseInt(state.getprop("ro.build.version.sdk"));
    if (sdk < MIN_SDK) {
      throw new IllegalArgumentException("Android " + state.getprop("ro.build.version.release") + " (API " + sdk
          + ") is older than the UiAutomator2 driver drives (Android 8.0, API " + MIN_SDK + ")");
    }
    this.packages = new Packages(state.fs(), sdk, state.getprop("ro.build.version.release"), systemApps(state, ui));
    this.activities = new ActivityManager(packages, processes, ports, ui, state.log());
    idleWhitelist.addAll(List.of("com.android.providers.downloads", "com.android.phone"));
    // the character devices every shell line may redirect from or to
    state.fs().write("/dev/null", new byte[0], 0666);
    state.setprop("ro.product.cpu.abi", "arm64-v8a");
    state.setprop("ro.product.cpu.abilist", "arm64-v8a,armeabi-v7a,armeabi");
    state.setprop("ro.product.locale", "en-US");
    state.setprop("persist.sys.locale", "en-US");
    state.setprop("ro.build.characteristics", "default");
    state.setprop("ro.sf.lcd_density", "440");
    state.log().log(934, 934, 'I', "SystemServer", "Entered the Android system server!");
    state.log().log(934, 1003, 'I', "ActivityManager", "System now ready");
  }

  /** The build's packages: the handset's own apps, the launcher, and the system's. */
  private static Map<String, Packages.SystemApp> systemApps(PhoneState state, Ui ui) {
    Map<String, Packages.SystemApp> apps = new LinkedHashMap<>();
    apps.put("android", new Packages.SystemApp("/system/framework/framework-res.apk", 1000, List.of()));
    for (App app : ui.apps().all()) {
      String name = app.label().replaceAll("[^A-Za-z]", "");
      String activity = Packages.qualify(app.packageName(), app.launch().apply(ui).activity());
      apps.put(app.packageName(), new Packages.SystemApp("/system/priv-app/" + name + "/" + name + ".apk",
          app.packageName().equals("com.android.settings") ? 1000 : 10000 + 10 + apps.size(), List.of(activity)));
    }
    apps.put(LauncherScreen.PACKAGE, new Packages.SystemApp("/system/priv-app/Launcher/Launcher.apk", 10014,
        List.of(new LauncherScreen().activity())));
    String[][] system = {
      {"com.android.systemui", "/system/priv-app/SystemUI/SystemUI.apk", "10020"},
      {"com.android.phone", "/system/priv-app/TeleService/TeleService.apk", "1001"},
      {"com.android.shell", "/system/priv-app/Shell/Shell.apk", "2000"},
      {"com.android.providers.settings", "/system/priv-app/SettingsProvider/SettingsProvider.apk", "1000"},
      {"com.android.providers.telephony", "/system/priv-app/TelephonyProvider/TelephonyProvider.apk", "1001"},
      {"com.android.providers.contacts", "/system/priv-app/ContactsProvider/ContactsProvider.apk", "10002"},
      {"com.android.providers.media", "/system/priv-app/MediaProvider/MediaProvider.apk", "10006"},
      {"com.android.providers.downloads", "/system/priv-app/DownloadProvider/DownloadProvider.apk", "10010"},
      {"com.android.packageinstaller", "/system/priv-app/PackageInstaller/PackageInstaller.apk", "10007"},
      {"com.android.inputmethod.latin", "/system/app/LatinIME/LatinIME.apk", "10040"},
      {"com.android.bluetooth", "/system/app/Bluetooth/Bluetooth.apk", "1002"},
      {"com.android.keychain", "/system/app/KeyChain/KeyChain.apk", "1000"},
      {"com.android.certinstaller", "/system/app/CertInstaller/CertInstaller.apk", "10025"},
      {"com.android.webview", "/system/app/webview/webview.apk", "10046"}};
    for (String[] s : system) {
      apps.putIfAbsent(s[0], new Packages.SystemApp(s[1], Integer.parseInt(s[2]), List.of()));
    }
    String brand = state.getprop("ro.product.brand").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (!brand.isEmpty()) {
      apps.putIfAbsent("com." + brand + ".cloudservice", new Packages.SystemApp(
          "/system/priv-app/CloudService/CloudService.apk", 1000, List.of()));
    }
    return apps;
  }

  /** Puts the framework's programs into the handset's shell, over the ones of a 4.x build. */
  public void install(AndroidShell shell) {
    shell.installToybox();
    PackageManagerProgram pm = new PackageManagerProgram(this);
    Dumpsys dumpsys = new Dumpsys(this, TelephonyPrograms.dumpsys(state));
    var appopsProgram = DevicePrograms.appops(this, appops);
    shell.install("pm", pm);
    shell.install("dumpsys", dumpsys);
    shell.install("appops", appopsProgram);
    shell.install("cmd", DevicePrograms.cmd(pm, dumpsys, appopsProgram, DevicePrograms.listeners()));
    shell.install("ps", ProcessPrograms.ps(processes));
    shell.install("kill", ProcessPrograms.kill(processes));
    shell.install("wm", DevicePrograms.wm(activities.ui()));
    shell.install("input", DevicePrograms.input(activities.ui()));
    shell.installStreaming("am", new ActivityManagerProgram(this));
  }

  /** A reboot: every app process ends (instrumentations and services with it); packages stay. */
  public void reboot() {
    processes.killApps();
    activities.ui().home();
  }

  /** The handset state the framework runs on. */
  public PhoneState state() {
    return state;
  }

  /** The package manager. */
  public Packages packages() {
    return packages;
  }

  /** The activity manager. */
  public ActivityManager activities() {
    return activities;
  }

  /** The process table {@code ps -A} lists. */
  public Processes processes() {
    return processes;
  }

  /** The TCP ports listening inside the handset, for adbd's {@code tcp:PORT} service. */
  public DevicePorts ports() {
    return ports;
  }

  /** The packages {@code dumpsys deviceidle whitelist} lists; changed by {@code +PKG} and {@code -PKG}. */
  Set<String> idleWhitelist() {
    return idleWhitelist;
  }
}
