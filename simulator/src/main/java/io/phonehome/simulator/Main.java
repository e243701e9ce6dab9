package io.phonehome.simulator;

import io.phonehome.simulator.android.AndroidFramework;
import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.ProfileException;
import io.phonehome.simulator.firmware.ProfileParser;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.IdentityFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one virtual handset as its own process.
 *
 * <pre>
 * java -jar phonehome-simulator.jar --firmware simulator/firmware/leaky-2014-08.yaml \
 *     [--identity identity.yaml] [--adb-port 0] [--webdriver-port 0] [--ready-file FILE]
 *     [--parent-pid PID] [--driver direct|appium]
 * </pre>
 *
 * <p>When it listens it prints {@code READY adb=PORT webdriver=PORT sink=PORT} and, with
 * {@code --ready-file}, writes the same as JSON (with {@code "driver"}). It runs until
 * killed or, with {@code --parent-pid}, until that process ends.
 *
 * <p>{@code --driver direct} (the default) serves the handset's own WebDriver port.
 * {@code --driver appium} makes it a farm phone for a real Appium server's UiAutomator2
 * driver over adb: it serves no WebDriver port ({@code webdriver=0}), and needs a
 * firmware profile of Android 8.0 (API 26) or newer.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Path firmware = null;
    Path identityFile = null;
    Path readyFile = null;
    int adbPort = 0;
    int webDriverPort = 0;
    long parentPid = -1;
    VirtualHandset.Driver driver = VirtualHandset.Driver.DIRECT;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--firmware" -> firmware = Path.of(need(a, v));
        case "--identity" -> identityFile = Path.of(need(a, v));
        case "--ready-file" -> readyFile = Path.of(need(a, v));
        case "--adb-port" -> adbPort = Integer.parseInt(need(a, v));
        case "--webdriver-port" -> webDriverPort = Integer.parseInt(need(a, v));
        case "--parent-pid" -> parentPid = Long.parseLong(need(a, v));
        case "--driver" -> driver = switch (need(a, v)) {
          case "direct" -> VirtualHandset.Driver.DIRECT;
          case "appium" -> VirtualHandset.Driver.APPIUM;
          default -> {
            usage("--driver is direct or appium, not '" + v + "'");
            yield VirtualHandset.Driver.DIRECT;
          }
        };
        default -> usage("unknown option " + a);
      }
      i++;
    }
    if (firmware == null) {
      usage("--firmware is required");
    }
    FirmwareProfile profile;
    Identity identity;
    try {
      profile = ProfileParser.parse(firmware);
      identity = identityFile == null ? Identity.empty() : IdentityFile.read(identityFile);
    } catch (ProfileException | IOException e) {
      System.err.println("phonehome-simulator: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (driver == VirtualHandset.Driver.APPIUM && profile.build().sdk() < AndroidFramework.MIN_SDK) {
      System.err.println("phonehome-simulator: --driver appium needs Android 8.0 (API " + AndroidFramework.MIN_SDK
          + ") or newer, as the UiAutomator2 driver does; " + firmware + " is Android " + profile.build().release()
          + " (API " + profile.build().sdk() + ", fingerprint " + profile.build().fingerprint() + ")");
      System.exit(2);
      return;
    }
    VirtualHandset handset = new VirtualHandset(profile, identity, adbPort, webDriverPort, driver);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      handset.close();
      stopped.countDown();
    }, "shutdown"));
    handset.start();
    if (parentPid > 0) {
      // a handset left behind by a killed lab would hold its ports and keep uploading
      ProcessHandle.of(parentPid).ifPresentOrElse(
          parent -> parent.onExit().thenRun(() -> System.exit(0)),
          () -> System.exit(0));
    }
    String ready = String.format("{\"adb\": %d, \"webdriver\": %d, \"sink\": %d, \"pid\": %d, \"driver\": \"%s\"}%n",
        handset.adbPort(), handset.webDriverPort(), handset.sinkPort(), ProcessHandle.current().pid(),
        driver.name().toLowerCase(java.util.Locale.ROOT));
    if (readyFile != null) {
      Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
      Files.writeString(tmp, ready, StandardCharsets.UTF_8);
      Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    System.out.printf("READY adb=%d webdriver=%d sink=%d%n",
        handset.adbPort(), handset.webDriverPort(), handset.sinkPort());
    System.out.flush();
    stopped.await();
  }

  private static String need(String option, String value) {
    if (value == null) {
      usage(option + " needs a value");
    }
    return value;
  }

  private static void usage(String problem) {
    System.err.println("phonehome-simulator: " + problem);
    System.err.println("usage: --firmware FILE [--identity FILE] [--adb-port N] [--webdriver-port N] [--ready-file FILE]"
        + " [--parent-pid PID] [--driver direct|appium]");
    System.exit(2);
  }
}
