package io.phonehome.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A virtual handset started as its own process, adb-connected through the lab's adb
 * server and booted: what device-level integration tests drive. Closing it disconnects
 * and stops everything it started, also after a failed start.
 */
public final class ConnectedHandset implements AutoCloseable {
  public final VirtualHandsetProcess handset;
  public final AdbServer adb;
  public final AndroidDevice phone;

  private ConnectedHandset(VirtualHandsetProcess handset, AdbServer adb, AndroidDevice phone) {
    this.handset = handset;
    this.adb = adb;
    this.phone = phone;
  }

  /** The project's simulator/firmware folder. */
  public static Path firmwareDir() {
    return Path.of(System.getProperty("phonehome.root", "..")).toAbsolutePath().normalize()
        .resolve("simulator/firmware");
  }

  /** A rooted virtual phone running {@code firmware}, holding this identity. */
  public static ConnectedHandset start(String name, Path firmware, Map<String, String> identity,
      List<String> contacts) throws Exception {
    DeviceSpec spec = new DeviceSpec(name, Optional.empty(), Optional.empty(), true, identity, contacts,
        Optional.empty(), Optional.empty(), Optional.of(new DeviceSpec.Virtual(firmware)), Optional.empty());
    VirtualHandsetProcess handset = new VirtualHandsetProcess(spec, Files.createTempDirectory(name));
    AdbServer adb = new AdbServer(AdbServer.locate().orElseThrow());
    try {
      handset.start();
      adb.start();
      adb.connect(handset.serial());
      AndroidDevice phone = new AndroidDevice(adb, spec.attached(handset.serial(), handset.webDriverUrl()));
      phone.waitForBoot(Duration.ofSeconds(60));
      return new ConnectedHandset(handset, adb, phone);
    } catch (Exception | Error e) {
      new ConnectedHandset(handset, adb, null).close();
      throw e;
    }
  }

  @Override
  public void close() {
    adb.disconnect(handset.serial());
    adb.stop();
    handset.stop();
  }
}
