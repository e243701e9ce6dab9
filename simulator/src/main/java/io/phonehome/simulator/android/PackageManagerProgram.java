package io.phonehome.simulator.android;

import io.phonehome.simulator.shell.ShellProgram;
import io.phonehome.simulator.state.VirtualFs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code pm} and {@code cmd package} of Android 8+, over {@link Packages}: {@code list
 * packages} (with {@code -f -s -3 -U --show-versioncode}), {@code list instrumentation},
 * {@code path}, {@code install} (what {@code adb install} runs after pushing the APK to
 * {@code /data/local/tmp}), {@code uninstall}, {@code clear}, {@code grant}, {@code revoke},
 * {@code resolve-activity --brief} and {@code dump}.
 */
final class PackageManagerProgram implements ShellProgram {
  private final AndroidFramework framework;

  PackageManagerProgram(AndroidFramework framework) {
    this.framework = framework;
  }

  @Override
  public Output run(List<String> args, byte[] stdin, boolean root) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int status = run(args, out, err);
    return new Output(out.toString().getBytes(StandardCharsets.UTF_8), err.toString(), status);
  }

  private int run(List<String> args, StringBuilder out, StringBuilder err) {
    if (args.isEmpty()) {
      err.append(usage());
      return 1;
    }
    List<String> rest = args.subList(1, args.size());
    Packages packages = framework.packages();
    switch (args.get(0)) {
      case "list" -> {
        if (rest.isEmpty()) {
          err.append("Error: didn't specify type of data to list\n");
          return 1;
        }
        return switch (rest.get(0)) {
          case "packages", "package" -> listPackages(rest.subList(1, rest.size()), out);
          case "instrumentation" -> listInstrumentation(rest.subList(1, rest.size()), out);
          default -> {
            err.append("Error: unknown list type '").append(rest.get(0)).append("'\n");
            yield 1;
          }
        };
      }
      case "path" -> {
        Optional<Packages.Package> p = operand(rest).flatMap(packages::get);
        if (p.isEmpty()) {
          return 1;
        }
        out.append("package:").append(p.get().apkPath()).append('\n');
        return 0;
      }
      case "install" -> {
        return install(rest, out);
      }
      case "uninstall" -> {
        Optional<String> pkg = operand(rest);
        if (pkg.isEmpty()) {
          err.append("Error: package name not specified\n");
          return 1;
        }
        framework.activities().forceStop(pkg.get());
        if (!packages.uninstall(pkg.get())) {
          out.append("Failure [DELETE_FAILED_INTERNAL_ERROR]\n");
          return 1;
        }
        out.append("Success\n");
        return 0;
      }
      case "clear" -> {
        Optional<String> pkg = operand(rest);
        if (pkg.isEmpty() || packages.get(pkg.get()).isEmpty()) {
          out.append("Failed\n");
          return 1;
        }
        framework.activities().forceStop(pkg.get());
        out.append("Success\n");
        return 0;
      }
      case "grant", "revoke" -> {
        List<String> ops = operands(rest);
        if (ops.size() != 2) {
          err.append("Error: no package or permission specified\n");
          return 1;
        }
        try {
          packages.setGranted(ops.get(0), ops.get(1), args.get(0).equals("grant"));
          return 0;
        } catch (IllegalArgumentException | SecurityException e) {
          err.append("Exception occurred while executing:\njava.lang.")
              .append(e instanceof SecurityException ? "SecurityException: " : "IllegalArgumentException: ")
              .append(e.getMessage()).append('\n');
          return 255;
        }
      }
      case "resolve-activity" -> {
        return resolveActivity(rest, out);
      }
      case "dump" -> {
        Optional<String> pkg = operand(rest);
        pkg.ifPresent(p -> out.append(Dumpsys.packageDump(framework, p)));
        return 0;
      }
      default -> {
        err.append("Unknown command: ").append(args.get(0)).append('\n');
        return 1;
      }
    }
  }

  private int listPackages(List<String> args, StringBuilder out) {
    boolean paths = false;
    boolean systemOnly = false;
    boolean thirdPartyOnly = false;
    boolean versions = false;
    boolean uids = false;
    String filter = "";
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-f" -> paths = true;
        case "-s" -> systemOnly = true;
        case "-3" -> thirdPartyOnly = true;
        case "-U" -> uids = true;
        case "--show-versioncode" -> versions = true;
        case "--user" -> i++;
        default -> {
          if (!a.startsWith("-")) {
            filter = a;
          }
        }
      }
    }
    for (Packages.Package p : framework.packages().all()) {
      if ((systemOnly && !p.system()) || (thirdPartyOnly && p.system()) || !p.name().contains(filter)) {
        continue;
      }
      out.append("package:");
      if (paths) {
        out.append(p.apkPath()).append('=');
      }
      out.append(p.name());
      if (versions) {
        out.append(" versionCode:").append(p.manifest().versionCode());
      }
      if (uids) {
        out.append(" uid:").append(p.uid());
      }
      out.append('\n');
    }
    return 0;
  }

  private int listInstrumentation(List<String> args, StringBuilder out) {
    boolean paths = args.contains("-f");
    String target = operands(args).stream().findFirst().orElse(null);
    for (var e : framework.packages().instrumentations()) {
      ApkManifest.Instrumentation i = e.getValue();
      if (target != null && !i.targetPackage().equals(target)) {
        continue;
      }
      out.append("instrumentation:");
      if (paths) {
        out.append(e.getKey().apkPath()).append('=');
      }
      out.append(Packages.shortComponent(e.getKey().name(), i.name()))
          .append(" (target=").append(i.targetPackage()).append(")\n");
    }
    return 0;
  }

  private int install(List<String> args, StringBuilder out) {
    boolean replace = false;
    boolean downgrade = false;
    boolean grant = false;
    String path = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-r" -> replace = true;
        case "-d" -> downgrade = true;
        case "-g" -> grant = true;
        case "-i", "--user", "--install-location", "-S" -> i++;
        default -> {
          if (!a.startsWith("-")) {
            path = a;
          }
        }
      }
    }
    if (path == null) {
      out.append("Error: must either specify a package size or an APK file\n");
      return 1;
    }
    VirtualFs fs = framework.state().fs();
    Optional<VirtualFs.Entry> apk = fs.read(path);
    if (apk.isEmpty()) {
      out.append("\tpkg: ").append(path).append('\n')
          .append("Failure [INSTALL_FAILED_INVALID_URI]\n");
      return 1;
    }
    try {
      Packages.Package before = framework.packages().get(peekName(apk.get().content())).orElse(null);
      if (before != null && replace) {
        framework.activities().forceStop(before.name());
      }
      framework.packages().install(apk.get().content(), path, replace, downgrade, grant);
      out.append("Success\n");
      return 0;
    } catch (Packages.InstallException e) {
      out.append(e.line()).append('\n');
      return 1;
    }
  }

  private static String peekName(byte[] apk) {
    try {
      return ApkManifest.ofApk(apk).packageName();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private int resolveActivity(List<String> args, StringBuilder out) {
    boolean brief = args.contains("--brief");
    Optional<Packages.Package> p = operand(args).flatMap(framework.packages()::get);
    Optional<String> launcher = p.flatMap(x -> x.manifest().launcherActivity());
    if (launcher.isEmpty()) {
      out.append("No activity found\n");
      return 0;
    }
    String component = Packages.shortComponent(p.get().name(), launcher.get());
    if (brief) {
      out.append("priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=false\n")
          .append(component).append('\n');
    } else {
      out.append("Activity #0:\n  priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=false\n")
          .append("  ActivityInfo:\n    name=").append(launcher.get()).append("\n    packageName=")
          .append(p.get().name()).append("\n    enabled=true exported=true directBootAware=false\n");
    }
    return 0;
  }

  /** The last argument that is not an option (nor an option's value). */
  private static Optional<String> operand(List<String> args) {
    List<String> ops = operands(args);
    return ops.isEmpty() ? Optional.empty() : Optional.of(ops.get(ops.size() - 1));
  }

  private static List<String> operands(List<String> args) {
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--user")) {
        i++;
      } else if (!a.startsWith("-")) {
        ops.add(a);
      }
    }
    return ops;
  }

  private static String usage() {
    return """
        usage: pm path [--user USER_ID] PACKAGE
               pm list packages [-f] [-d] [-e] [-s] [-3] [-i] [-l] [-u] [-U] [--show-versioncode] [FILTER]
               pm list instrumentation [-f] [TARGET-PACKAGE]
               pm install [-r] [-t] [-i INSTALLER] [-d] [-g] PATH
               pm uninstall [-k] [--user USER_ID] PACKAGE
               pm clear [--user USER_ID] PACKAGE
               pm grant [--user USER_ID] PACKAGE PERMISSION
               pm revoke [--user USER_ID] PACKAGE PERMISSION
        """;
  }
}
