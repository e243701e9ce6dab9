package io.phonehome.simulator.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code pm list packages [-f] [-s] [-3] [FILTER]} and {@code pm path PACKAGE}. */
final class PackageManagerCommand implements Command {
  /** Package and APK, as a 2014 Android 4.3 build ships them. */
  private static final List<String[]> AOSP = List.of(
      new String[] {"android", "/system/framework/framework-res.apk"},
      new String[] {"com.android.backupconfirm", "/system/app/BackupRestoreConfirmation.apk"},
      new String[] {"com.android.bluetooth", "/system/app/Bluetooth.apk"},
      new String[] {"com.android.browser", "/system/app/Browser.apk"},
      new String[] {"com.android.calendar", "/system/app/Calendar.apk"},
      new String[] {"com.android.camera2", "/system/app/Camera2.apk"},
      new String[] {"com.android.certinstaller", "/system/app/CertInstaller.apk"},
      new String[] {"com.android.contacts", "/system/app/Contacts.apk"},
      new String[] {"com.android.defcontainer", "/system/app/DefaultContainerService.apk"},
      new String[] {"com.android.deskclock", "/system/app/DeskClock.apk"},
      new String[] {"com.android.email", "/system/app/Email.apk"},
      new String[] {"com.android.inputmethod.latin", "/system/app/LatinIME.apk"},
      new String[] {"com.android.keychain", "/system/app/KeyChain.apk"},
      new String[] {"com.android.location.fused", "/system/app/FusedLocation.apk"},
      new String[] {"com.android.mms", "/system/app/Mms.apk"},
      new String[] {"com.android.packageinstaller", "/system/app/PackageInstaller.apk"},
      new String[] {"com.android.phone", "/system/app/Phone.apk"},
      new String[] {"com.android.providers.calendar", "/system/app/CalendarProvider.apk"},
      new String[] {"com.android.providers.contacts", "/system/app/ContactsProvider.apk"},
      new String[] {"com.android.providers.downloads", "/system/app/DownloadProvider.apk"},
      new String[] {"com.android.providers.media", "/system/app/MediaProvider.apk"},
      new String[] {"com.android.providers.settings", "/system/app/SettingsProvider.apk"},
      new String[] {"com.android.providers.telephony", "/system/app/TelephonyProvider.apk"},
      new String[] {"com.android.providers.userdictionary", "/system/app/UserDictionaryProvider.apk"},
      new String[] {"com.android.settings", "/system/app/Settings.apk"},
      new String[] {"com.android.sharedstoragebackup", "/system/app/SharedStorageBackup.apk"},
      new String[] {"com.android.shell", "/system/app/Shell.apk"},
      new String[] {"com.android.systemui", "/system/app/SystemUI.apk"},
      new String[] {"com.android.vpndialogs", "/system/app/VpnDialogs.apk"});
  /** What a Xiaomi (MIUI) build adds: the account and cloud services of the 2014 case. */
  private static final List<String[]> MIUI = List.of(
      new String[] {"com.miui.cloudservice", "/system/app/CloudService.apk"},
      new String[] {"com.miui.home", "/system/app/MiuiHome.apk"},
      new String[] {"com.miui.securitycenter", "/system/app/SecurityCenter.apk"},
      new String[] {"com.xiaomi.account", "/system/app/XiaomiAccount.apk"},
      new String[] {"com.xiaomi.xmsf", "/system/app/XiaomiServiceFramework.apk"});

  @Override
  public int run(List<String> args, Io io, Session s) {
    List<String[]> packages = new ArrayList<>(AOSP);
    String brand = s.shell().state().getprop("ro.product.brand").toLowerCase(Locale.ROOT);
    if (brand.equals("xiaomi")) {
      packages.addAll(MIUI);
    }
    if (args.size() >= 2 && args.get(0).equals("list")
        && (args.get(1).equals("packages") || args.get(1).equals("package"))) {
      boolean withPath = false;
      boolean thirdParty = false;
      String filter = "";
      for (String a : args.subList(2, args.size())) {
        if (a.equals("-f")) {
          withPath = true;
        } else if (a.equals("-3")) {
          thirdParty = true;
        } else if (!a.startsWith("-")) {
          filter = a;
        }
      }
      if (thirdParty) {
        return 0;
      }
      for (String[] p : packages) {
        if (p[0].contains(filter)) {
          io.println("package:" + (withPath ? p[1] + "=" : "") + p[0]);
        }
      }
      return 0;
    }
    if (args.size() == 2 && args.get(0).equals("path")) {
      for (String[] p : packages) {
        if (p[0].equals(args.get(1))) {
          io.println("package:" + p[1]);
          return 0;
        }
      }
      return 1;
    }
    io.error("Error: unknown command '" + String.join(" ", args) + "'");
    io.error("usage: pm list packages [-f] [-d] [-e] [-s] [-3] [-i] [-u] [FILTER]");
    io.error("       pm path PACKAGE");
    return 1;
  }
}
