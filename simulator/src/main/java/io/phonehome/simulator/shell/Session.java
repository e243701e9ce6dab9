package io.phonehome.simulator.shell;

import io.phonehome.simulator.state.VirtualFs;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one shell invocation: who runs it (shell or root), the working directory,
 * variables, the last exit status, and whether {@code exit} was called.
 */
final class Session {
  private final AndroidShell shell;
  private final boolean root;
  private final Map<String, String> variables = new TreeMap<>();
  private String cwd = "/";
  private int status;
  private boolean exited;
  private int depth;

  Session(AndroidShell shell, boolean root) {
    this.shell = shell;
    this.root = root;
    variables.put("PATH", "/sbin:/vendor/bin:/system/sbin:/system/bin:/system/xbin");
    variables.put("EXTERNAL_STORAGE", "/storage/emulated/legacy");
    variables.put("ANDROID_DATA", "/data");
    variables.put("ANDROID_ROOT", "/system");
    variables.put("HOSTNAME", shell.state().getprop("ro.product.device"));
    variables.put("USER", root ? "root" : "shell");
    variables.put("HOME", "/data");
    variables.put("SHELL", "/system/bin/sh");
  }

  /** A child shell ({@code sh -c}, {@code su -c}) that starts where this one is. */
  Session child(boolean asRoot) {
    Session c = new Session(shell, asRoot);
    c.cwd = cwd;
    c.depth = depth + 1;
    return c;
  }

  /** How many shells ({@code sh -c}, {@code su -c}, {@code $(...)}) this one runs inside. */
  int depth() {
    return depth;
  }

  AndroidShell shell() {
    return shell;
  }

  boolean root() {
    return root;
  }

  String cwd() {
    return cwd;
  }

  void cd(String dir) {
    cwd = dir;
  }

  /** An absolute, canonical path for a path given relative to the working directory. */
  String resolve(String path) {
    return VirtualFs.normalize(path.startsWith("/") ? path : cwd + "/" + path);
  }

  int status() {
    return status;
  }

  void status(int status) {
    this.status = status;
  }

  boolean exited() {
    return exited;
  }

  void exit(int status) {
    this.status = status;
    this.exited = true;
  }

  void set(String name, String value) {
    variables.put(name, value);
  }

  String variable(String name) {
    return switch (name) {
      case "?" -> Integer.toString(status);
      case "$" -> "4242";
      case "#" -> "0";
      case "0" -> "/system/bin/sh";
      default -> variables.getOrDefault(name, "");
    };
  }
}
