package io.phonehome.simulator.android;

import io.phonehome.simulator.shell.ShellProgram;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code dumpsys} of Android 8+ for the services a UiAutomator2 driver reads: {@code
 * package PKG}, {@code activity services|processes|activities}, {@code window
 * [windows|displays]}, {@code power} and {@code deviceidle whitelist}; any other service
 * goes to the handset's other {@code dumpsys} (the telephony services).
 */
final class Dumpsys implements ShellProgram {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Taipei"));
  private static final List<String> SERVICES = List.of("activity", "deviceidle", "package", "power", "window");

  private final AndroidFramework framework;
  private final ShellProgram others;

  Dumpsys(AndroidFramework framework, ShellProgram others) {
    this.framework = framework;
    this.others = others;
  }

  @Override
  public Output run(List<String> args, byte[] stdin, boolean root) {
    if (args.isEmpty() || args.get(0).equals("-l")) {
      Output theirs = others.run(args, stdin, root);
      StringBuilder b = new StringBuilder(new String(theirs.stdout(), StandardCharsets.UTF_8));
      SERVICES.forEach(s -> b.append("  ").append(s).append('\n'));
      return Output.text(b.toString(), 0);
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "package" -> Output.text(rest.isEmpty() ? "" : packageDump(framework, rest.get(rest.size() - 1)), 0);
      case "activity" -> Output.text(activity(rest), 0);
      case "window" -> Output.text(window(), 0);
      case "power" -> Output.text("POWER MANAGER (dumpsys power)\n\nPower Manager State:\n  mDirty=0x0\n"
          + "  mWakefulness=Awake\n  mWakefulnessChanging=false\n  mIsPowered=true\n  mPlugType=2\n"
          + "  mStayOn=false\n  mProximityPositive=false\n  mBootCompleted=true\n  mSystemReady=true\n"
          + "  mHoldingDisplaySuspendBlocker=true\n  Display Power: state=ON\n", 0);
      case "deviceidle" -> Output.text(deviceIdle(rest), 0);
      default -> others.run(args, stdin, root);
    };
  }

  /** {@code dumpsys package PKG}: the resolver entry of its launcher activity and its package record. */
  static String packageDump(AndroidFramework framework, String name) {
    Packages.Package p = framework.packages().get(name).orElse(null);
    if (p == null) {
      return "Unable to find package: " + name + "\n";
    }
    ApkManifest m = p.manifest();
    StringBuilder b = new StringBuilder();
    String hash = Integer.toHexString(Math.abs(name.hashCode()) | 0x1000000);
    m.launcherActivity().ifPresent(a -> b.append("Activity Resolver Table:\n  Non-Data Actions:\n")
        .append("      android.intent.action.MAIN:\n        ").append(hash.substring(0, 7)).append(' ')
        .append(Packages.shortComponent(name, a)).append(" filter ").append(hash.substring(1)).append('\n')
        .append("          Action: \"android.intent.action.MAIN\"\n")
        .append("          Category: \"android.intent.category.LAUNCHER\"\n\n"));
    b.append("Key Set Manager:\n  [").append(name).append("]\n      Signing KeySets: 51\n\n");
    b.append("Packages:\n  Package [").append(name).append("] (").append(hash).append("):\n")
        .append("    userId=").append(p.uid()).append('\n')
        .append("    pkg=Package{").append(hash.substring(1)).append(' ').append(name).append("}\n")
        .append("    codePath=").append(p.codePath()).append('\n')
        .append("    resourcePath=").append(p.codePath()).append('\n')
        .append("    legacyNativeLibraryDir=").append(p.codePath()).append("/lib\n")
        .append("    primaryCpuAbi=null\n    secondaryCpuAbi=null\n")
        .append("    versionCode=").append(m.versionCode()).append(" minSdk=").append(m.minSdk())
        .append(" targetSdk=").append(m.targetSdk()).append('\n')
        .append("    versionName=").append(m.versionName()).append('\n')
        .append("    splits=[base]\n    apkSigningVersion=2\n")
        .append("    flags=[ ").append(p.system() ? "SYSTEM " : "").append("HAS_CODE ALLOW_CLEAR_USER_DATA ]\n")
        .append("    dataDir=/data/user/0/").append(name).append('\n')
        .append("    timeStamp=").append(TIME.format(p.lastUpdate())).append('\n')
        .append("    firstInstallTime=").append(TIME.format(p.firstInstall())).append('\n')
        .append("    lastUpdateTime=").append(TIME.format(p.lastUpdate())).append('\n')
        .append("    installerPackageName=null\n")
        .append("    installPermissionsFixed=true installStatus=1\n");
    if (!m.permissions().isEmpty()) {
      b.append("    requested permissions:\n");
      m.permissions().forEach(x -> b.append("      ").append(x).append('\n'));
    }
    if (!p.installPermissions().isEmpty()) {
      b.append("    install permissions:\n");
      p.installPermissions().forEach(x -> b.append("      ").append(x).append(": granted=true\n"));
    }
    boolean running = framework.activities().processes().byName(name).isPresent();
    b.append("    User 0: ceDataInode=").append(Math.abs(hash.hashCode()) % 900000 + 100000)
        .append(" installed=true hidden=false suspended=false stopped=").append(!running && !p.system())
        .append(" notLaunched=false enabled=0 instant=false virtual=false\n");
    if (!p.runtimePermissions().isEmpty()) {
      b.append("      runtime permissions:\n");
      p.runtimePermissions().forEach(x -> b.append("        ").append(x).append(": granted=")
          .append(p.granted().contains(x)).append('\n'));
    }
    return b.toString();
  }

  private String activity(List<String> args) {
    String what = args.isEmpty() ? "" : args.get(0);
    ActivityManager am = framework.activities();
    StringBuilder b = new StringBuilder();
    switch (what) {
      case "services", "s" -> {
        String pkg = args.size() > 1 ? args.get(1) : null;
        b.append("ACTIVITY MANAGER SERVICES (dumpsys activity services)\n");
        Map<String, List<String>> services = am.foregroundServices(pkg);
        if (services.isEmpty()) {
          b.append("  (nothing)\n");
        } else {
          b.append("  User 0 active services:\n");
          services.forEach((p, list) -> list.forEach(s -> {
            Packages.Package owner = framework.packages().get(p).orElseThrow();
            int pid = am.processes().byName(p).map(Processes.Process::pid).orElse(0);
            b.append("  * ServiceRecord{").append(Integer.toHexString(s.hashCode() & 0xfffffff)).append(" u0 ")
                .append(Packages.shortComponent(p, s)).append("}\n")
                .append("    intent={cmp=").append(Packages.shortComponent(p, s)).append("}\n")
                .append("    packageName=").append(p).append("\n    processName=").append(p).append('\n')
                .append("    baseDir=").append(owner.apkPath()).append('\n')
                .append("    dataDir=/data/user/0/").append(p).append('\n')
                .append("    app=").append(processRecord(pid, p, owner.uid())).append('\n')
                .append("    isForeground=true foregroundId=1 foregroundNoti=Notification(channel=")
                .append(p).append(" pri=0 contentView=null vibrate=null sound=null defaults=0x0 flags=0x62)\n")
                .append("    startRequested=true delayedStop=false stopIfKilled=false callStart=true lastStartId=1\n");
          }));
        }
      }
      case "processes", "p" -> {
        b.append("ACTIVITY MANAGER RUNNING PROCESSES (dumpsys activity processes)\n  All known processes:\n");
        for (Processes.Process p : am.processes().all()) {
          if (p.ppid() == 548) {
            b.append("  *APP* UID ").append(p.uid()).append(' ').append(processRecord(p.pid(), p.name(), p.uid()))
                .append("\n    user #0 uid=").append(p.uid()).append('\n');
          }
        }
      }
      default -> {
        Map.Entry<String, String> top = am.focused();
        String comp = Packages.shortComponent(top.getKey(), top.getValue());
        b.append("ACTIVITY MANAGER ACTIVITIES (dumpsys activity activities)\nDisplay #0 (activities from top to bottom):\n")
            .append("  Stack #1: type=standard mode=fullscreen\n    * TaskRecord{3c1a5e2 #12 A=")
            .append(top.getKey()).append(" U=0 StackId=1 sz=1}\n      * Hist #0: ActivityRecord{9f2b7c4 u0 ")
            .append(comp).append(" t12}\n\n  mResumedActivity: ActivityRecord{9f2b7c4 u0 ").append(comp)
            .append(" t12}\n  mFocusedActivity: ActivityRecord{9f2b7c4 u0 ").append(comp).append(" t12}\n");
      }
    }
    return b.toString();
  }

  private static String processRecord(int pid, String name, int uid) {
    return "ProcessRecord{" + Integer.toHexString((name.hashCode() ^ pid) & 0xfffffff) + " " + pid + ":" + name
        + "/" + Packages.userName(uid).replace("_", "") + "}";
  }

  private String window() {
    Map.Entry<String, String> top = framework.activities().focused();
    String pkg = top.getKey();
    String activity = top.getValue();
    return "WINDOW MANAGER WINDOWS (dumpsys window windows)\n"
        + "  Window #0 Window{5d1c0e2 u0 " + pkg + "/" + activity + "}:\n"
        + "    mDisplayId=0 stackId=1 mSession=Session{b7e9a13 " + 1820 + ":u0a10014} mClient=android.os.BinderProxy@2f4a\n"
        + "    mOwnerUid=1000 mShowToOwnerOnly=true package=" + pkg + " appop=NONE\n"
        + "    mAttrs={(0,0)(fillxfill) sim={adjust=pan} ty=BASE_APPLICATION fmt=TRANSPARENT wanim=0x10302f8}\n"
        + "    Requested w=" + Ui.WIDTH + " h=" + Ui.HEIGHT + " mLayoutSeq=512\n"
        + "  Window #1 Window{2a8f4d1 u0 StatusBar}:\n"
        + "    mDisplayId=0 stackId=0 mSession=Session{b7e9a13 1105:u0a10020} mClient=android.os.BinderProxy@7c1\n"
        + "\n  mGlobalConfiguration={1.0 ?mcc?mnc [en_US] ldltr sw411dp w411dp h842dp 440dpi nrml port finger}\n"
        + "  mHasPermanentDpad=false\n"
        + "  mCurrentFocus=Window{5d1c0e2 u0 " + pkg + "/" + activity + "}\n"
        + "  mFocusedApp=AppWindowToken{c4e7a90 token=Token{8b1d3a2 ActivityRecord{9f2b7c4 u0 "
        + Packages.shortComponent(pkg, activity) + " t12}}}\n"
        + "  mInputMethodTarget=null\n"
        + "  mInTouchMode=true mLayoutSeq=512\n"
        + "  mLastDisplayFreezeDuration=0 due to new-config\n"
        + "  mDisplayFrozen=false windowsAreFocusable=true\n"
        + "  mShowingDream=false mDreamingLockscreen=false mDreamingSleepToken=null\n"
        + "  mScreenOnEarly=true mScreenOnFully=true\n"
        + "  mKeyguardDrawComplete=true mWindowManagerDrawComplete=true\n"
        + "  mOrientationSensorEnabled=false\n"
        + "  mOverscanScreen=(0,0) " + Ui.WIDTH + "x" + Ui.HEIGHT + "\n"
        + "  KeyguardServiceDelegate\n    showing=false\n    showingAndNotOccluded=false\n"
        + "    inputRestricted=false\n    occluded=false\n    secure=false\n"
        + "    KeyguardStateMonitor\n      mIsShowing=false\n      mSimSecure=false\n      mInputRestricted=false\n"
        + "      mCurrentUserId=0\n";
  }

  private String deviceIdle(List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("whitelist")) {
      return "  mLightEnabled=true\n  mDeepEnabled=true\n  mForceIdle=false\n  mState=ACTIVE\n";
    }
    StringBuilder b = new StringBuilder();
    if (args.size() == 1) {
      for (String p : framework.idleWhitelist()) {
        int uid = framework.packages().get(p).map(Packages.Package::uid).orElse(1000);
        b.append("user,").append(p).append(',').append(uid).append('\n');
      }
      return b.toString();
    }
    for (String op : args.subList(1, args.size())) {
      String pkg = op.substring(1);
      if (op.startsWith("+")) {
        if (framework.packages().get(pkg).isPresent()) {
          framework.idleWhitelist().add(pkg);
          b.append("Added: ").append(pkg).append('\n');
        } else {
          b.append("Unknown package: ").append(pkg).append('\n');
        }
      } else if (op.startsWith("-")) {
        b.append(framework.idleWhitelist().remove(pkg) ? "Removed: " : "Unknown package: ").append(pkg).append('\n');
      }
    }
    return b.toString();
  }
}
