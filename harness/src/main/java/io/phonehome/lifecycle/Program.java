package io.phonehome.lifecycle;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every program outside the JVM that the harness and its tests start. A process is only
 * ever built by {@link #command}, so this enum is the whole list; the launcher's
 * {@code TOOLS} table gives the Debian package of each and the commands that install
 * it, and {@code ProgramListTest} fails the build when the two disagree or when code
 * builds a process any other way.
 *
 * <p>Programs that a lab's own templates run ({@code fastboot} in a flash template, say)
 * are the lab's: the harness starts them through {@link #SH}.
 */
public enum Program {
  /** A second JVM: virtual handsets, the benchmark's heap probe, the end-to-end tests. */
  JAVA("java", "run", "bench"),
  ADB("adb", "run"),
  MITMDUMP("mitmdump", "run", "bench"),
  /** Lab templates (flash, identity switch) and the Allure command line's start script. */
  SH("sh", "run"),
  /** The benchmark's peer for search speed. */
  GREP("grep", "bench"),
  /** Reads the packet captures in tests, as a lab's own tools would. */
  TCPDUMP("tcpdump"),
  /** Finds processes a test expects to be gone. */
  PGREP("pgrep"),
  /**
   * A managed Appium server. {@code farm}: the launcher installs it for a run whose
   * devices.yaml says {@code appium: managed}, never for the default run.
   */
  NODE("node", "farm"),
  /** Installs the managed Appium server and its driver from the npm registry. */
  NPM("npm", "farm");

  /**
   * Runs "$@" and ends it when the process that started this shell is gone: reparented
   * (the harness was killed, even with SIGKILL), it sends the program SIGTERM. A SIGTERM
   * to the shell is passed on; the shell exits with the program's status.
   */
  private static final String GUARD = String.join("\n",
      "parent=$PPID",
      "\"$@\" &",
      "child=$!",
      "trap 'kill -TERM $child 2>/dev/null' TERM INT HUP",
      "while kill -0 $child 2>/dev/null; do",
      "  read -r _ _ _ ppid _ < /proc/$$/stat || ppid=",
      "  if [ \"$ppid\" != \"$parent\" ]; then kill -TERM $child 2>/dev/null; break; fi",
      "  sleep 1 & wait $!",
      "done",
      "wait $child");

  /** Where Debian puts programs that are not on every user's PATH. */
  private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

  private final String executable;
  private final Set<String> commands;

  Program(String executable, String... commands) {
    this.executable = executable;
    this.commands = Set.of(commands);
  }

  /** The file name of the program, as the launcher's list names it. */
  public String executable() {
    return executable;
  }

  /**
   * The launcher commands besides {@code test} that start this program ({@code run},
   * {@code bench}, and {@code farm}: a run with a managed Appium server); empty for a
   * program only the tests use. {@code test} needs them all.
   */
  public Set<String> commands() {
    return commands;
  }

  /** The program on PATH, then in the system folders (/usr/sbin for tcpdump), if installed. */
  public Optional<Path> onPath() {
    String path = System.getenv("PATH");
    return find((path == null ? "" : path + File.pathSeparator) + String.join(File.pathSeparator, SYSTEM_DIRS));
  }

  /** The program in the folders of {@code path} (a PATH value), if there. */
  public Optional<Path> find(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A process of this program, found by name on PATH when it starts. */
  public ProcessBuilder command(String... args) {
    return build(executable, List.of(args));
  }

  /** A process of this program at {@code location}, whose file name must be this program's. */
  public ProcessBuilder command(Path location, String... args) {
    return command(location, List.of(args));
  }

  /** A process of this program at {@code location}, whose file name must be this program's. */
  public ProcessBuilder command(Path location, List<String> args) {
    Objects.requireNonNull(location, "location");
    Path name = location.getFileName();
    if (name == null || !name.toString().equals(executable)) {
      throw new IllegalArgumentException(location + " is not " + executable
          + ": every program phonehome starts is a Program constant");
    }
    return build(location.toString(), args);
  }

  /**
   * The same process, tied to the harness: it ends within about a second when the
   * harness's JVM is gone, however it ended. For the long-lived helpers (mitmdump, an adb
   * stream), so that a killed run leaves nothing running. Redirects, environment and
   * folder are kept; {@link Process#pid()} is then the guarding shell's.
   */
  public static ProcessBuilder tiedToHarness(ProcessBuilder inner) {
    List<String> line = new ArrayList<>(List.of("-c", GUARD, "phonehome-guard"));
    line.addAll(inner.command());
    ProcessBuilder outer = SH.command(line.toArray(String[]::new))
        .redirectInput(inner.redirectInput())
        .redirectOutput(inner.redirectOutput())
        .redirectError(inner.redirectError())
        .redirectErrorStream(inner.redirectErrorStream())
        .directory(inner.directory());
    outer.environment().clear();
    outer.environment().putAll(inner.environment());
    return outer;
  }

  private static ProcessBuilder build(String first, List<String> args) {
    List<String> line = new ArrayList<>(args.size() + 1);
    line.add(first);
    line.addAll(args);
    return new ProcessBuilder(line);
  }
}
