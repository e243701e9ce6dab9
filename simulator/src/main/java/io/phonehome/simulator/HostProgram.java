package io.phonehome.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every program of the host machine that the virtual handset and its tests start. A
 * process is only ever built by {@link #command}, so this enum is the whole list; the
 * launcher's {@code TOOLS} table gives the Debian package of each, and the harness's
 * {@code ProgramListTest} fails the build when the two disagree. (The handset's own
 * shell programs, {@code tcpdump} included, are Java code answering adb, not host
 * programs.)
 */
public enum HostProgram {
  /** Makes the loopback sink's TLS certificate. */
  KEYTOOL("keytool", "run"),
  /** The real adb client, driving a handset in the tests. */
  ADB("adb"),
  /** A real capture proxy in front of the handset's firmware, in the tests. */
  MITMDUMP("mitmdump"),
  /** Reads the handset's pcap as a lab would. */
  TCPDUMP("tcpdump"),
  /** Checks the handset's pcap checksums. */
  TSHARK("tshark"),
  /** Runs a real Appium server (an npm install) in front of a handset driven with {@code --driver appium}. */
  NODE("node");

  private final String executable;
  private final Set<String> commands;

  HostProgram(String executable, String... commands) {
    this.executable = executable;
    this.commands = Set.of(commands);
  }

  public String executable() {
    return executable;
  }

  /** The launcher commands besides {@code test} that start it; empty when only tests do. */
  public Set<String> commands() {
    return commands;
  }

  /** The JDK's own copy of a JDK tool (keytool), beside the running JVM. */
  public Path inJavaHome() {
    return Path.of(System.getProperty("java.home"), "bin", executable);
  }

  /** A process of this program, found by name on PATH when it starts. */
  public ProcessBuilder command(List<String> args) {
    return build(executable, args);
  }

  /** A process of this program at {@code location}, whose file name must be this program's. */
  public ProcessBuilder command(Path location, List<String> args) {
    Path name = location.getFileName();
    if (name == null || !name.toString().equals(executable)) {
      throw new IllegalArgumentException(location + " is not " + executable);
    }
    return build(location.toString(), args);
  }

  private static ProcessBuilder build(String first, List<String> args) {
    List<String> line = new ArrayList<>(args.size() + 1);
    line.add(first);
    line.addAll(args);
    return new ProcessBuilder(line);
  }
}
