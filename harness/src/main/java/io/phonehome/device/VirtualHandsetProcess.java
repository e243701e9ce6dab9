package io.phonehome.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phonehome.lifecycle.LogTail;
import io.phonehome.lifecycle.Processes;
import io.phonehome.lifecycle.Program;
import io.phonehome.lifecycle.StartException;
import io.phonehome.lifecycle.Startable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A virtual handset running as its own process, as a phone on the bench is outside the
 * harness too. Once started it is only an adb serial ({@code 127.0.0.1:PORT}) and a
 * WebDriver URL; from then on the harness treats it like any phone.
 */
public final class VirtualHandsetProcess implements Startable {
  /** Overrides where the handset's runnable jar is. */
  public static final String JAR_PROPERTY = "phonehome.simulator.jar";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final DeviceSpec spec;
  private final Path workDir;
  private Process process;
  private int adbPort;
  private int webDriverPort;

  /**
   * @param spec a device with {@code virtual:}
   * @param workDir where its identity, ready file and log go
   */
  public VirtualHandsetProcess(DeviceSpec spec, Path workDir) {
    if (spec.virtual().isEmpty()) {
      throw new IllegalArgumentException(spec.name() + " is not a virtual device");
    }
    this.spec = spec;
    this.workDir = workDir;
  }

  /** The handset's runnable jar: -Dphonehome.simulator.jar, else under the project root. */
  public static Path simulatorJar() {
    String explicit = System.getProperty(JAR_PROPERTY, System.getenv("PHONEHOME_SIMULATOR_JAR"));
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String root = System.getProperty("phonehome.root", ".");
    return Path.of(root, "simulator", "target", "phonehome-simulator.jar").toAbsolutePath().normalize();
  }

  @Override
  public synchronized void start() throws StartException {
    if (process != null) {
      return;
    }
    Path jar = simulatorJar();
    if (!Files.isRegularFile(jar)) {
      throw new StartException("virtual handset jar not found at " + jar
          + ": build it with 'mvn -q package -DskipTests' (./phonehome does this for you)");
    }
    Path log = workDir.resolve("handset.log");
    Path ready = workDir.resolve("handset.ready.json");
    List<String> cmd = new ArrayList<>();
    try {
      Files.createDirectories(workDir);
      Files.deleteIfExists(ready);
      Path identity = workDir.resolve("identity.yaml");
      Files.writeString(identity, identityYaml(), StandardCharsets.UTF_8);
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      ProcessBuilder builder = Program.JAVA.command(java, List.of("-Xmx256m", "-Djava.awt.headless=true", "-jar", jar.toString(),
          "--firmware", spec.virtual().get().firmware().toString(),
          "--identity", identity.toString(), "--ready-file", ready.toString(),
          "--parent-pid", Long.toString(ProcessHandle.current().pid()),
          "--driver", spec.virtual().get().driver().wireName()));
      cmd.addAll(builder.command());
      process = builder.redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new StartException("cannot start virtual handset " + spec.name() + ": " + e.getMessage());
    }
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (!Files.isRegularFile(ready)) {
      if (!process.isAlive()) {
        String tail = tail(log);
        process = null;
        throw new StartException("virtual handset " + spec.name() + " exited with status "
            + exitCode() + ": " + tail, String.join(" ", cmd), null);
      }
      if (Instant.now().isAfter(deadline)) {
        stop();
        throw new StartException("virtual handset " + spec.name() + " was not ready within "
            + READY_TIMEOUT.toSeconds() + " s: " + tail(log));
      }
      Tools.pause(Duration.ofMillis(50));
    }
    try {
      JsonNode ports = new ObjectMapper().readTree(ready.toFile());
      adbPort = ports.path("adb").asInt();
      webDriverPort = ports.path("webdriver").asInt();
    } catch (IOException e) {
      stop();
      throw new StartException("virtual handset " + spec.name() + " wrote an unreadable "
          + ready + ": " + e.getMessage());
    }
  }

  private int exitCode() {
    try {
      return process == null ? -1 : process.exitValue();
    } catch (IllegalThreadStateException e) {
      return -1;
    }
  }

  /** The adb serial the handset is reached at once connected. */
  public String serial() {
    return "127.0.0.1:" + adbPort;
  }

  public URI webDriverUrl() {
    return URI.create("http://127.0.0.1:" + webDriverPort);
  }

  /**
   * The device once started, as the harness drives it from then on: its serial and
   * WebDriver URL, and its identity switch. A handset whose devices.yaml gives no
   * {@code second-identity} gets one generated from its identity ({@link SecondIdentity});
   * one with no {@code identity-switch} gets {@link #identitySwitchTemplate}, the
   * handset's root-only {@code setidentity} tool over adb.
   */
  public DeviceSpec provisioned() {
    // driven through the lab's Appium server, the handset serves no endpoint of its own
    DeviceSpec attached = spec.attached(serial(),
        webDriverPort > 0 ? Optional.of(webDriverUrl()) : Optional.empty());
    Map<String, String> second = spec.secondIdentity().isEmpty()
        ? SecondIdentity.from(spec.identity()) : spec.secondIdentity();
    return attached.withIdentitySwitch(second,
        spec.identitySwitch().orElseGet(() -> identitySwitchTemplate(second.keySet())));
  }

  /**
   * The command that writes these identity keys onto a virtual handset:
   * {@code {adb} -s {serial} shell "su 0 setidentity imei={imei} ..."}. The values are
   * quoted once more inside the double quotes, so they reach the tool whole.
   */
  public static String identitySwitchTemplate(java.util.Collection<String> keys) {
    StringBuilder cmd = new StringBuilder("{adb} -s {serial} shell \"su 0 setidentity");
    keys.forEach(k -> cmd.append(' ').append(k).append("={").append(k).append('}'));
    return cmd.append('"').toString();
  }

  public Optional<Long> pid() {
    Process p = process;
    return p == null ? Optional.empty() : Optional.of(p.pid());
  }

  private String identityYaml() {
    StringBuilder y = new StringBuilder("# identity held by virtual handset " + spec.name() + "\n");
    for (Map.Entry<String, String> e : spec.identity().entrySet()) {
      y.append(e.getKey()).append(": ").append(quote(e.getValue())).append('\n');
    }
    if (!spec.contacts().isEmpty()) {
      y.append("contacts:\n");
      for (String c : spec.contacts()) {
        y.append("  - ").append(quote(c)).append('\n');
      }
    }
    return y.toString();
  }

  private static String quote(String v) {
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String tail(Path log) {
    List<String> lines = LogTail.of(log, 5);
    return lines.isEmpty() ? "(no log)" : String.join(" | ", lines);
  }

  @Override
  public synchronized void stop() {
    Process p = process;
    process = null;
    Processes.terminate(p, Duration.ofSeconds(5));
  }
}
