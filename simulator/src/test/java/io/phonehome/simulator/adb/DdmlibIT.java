package io.phonehome.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;

import com.android.ddmlib.AndroidDebugBridge;
import com.android.ddmlib.CollectingOutputReceiver;
import com.android.ddmlib.IDevice;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.state.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** ddmlib, as the harness uses it, sees the virtual handset and runs shell commands on it. */
public class DdmlibIT {
  private VirtualHandset handset;
  private String serial;
  private AndroidDebugBridge bridge;

  @BeforeClass
  public void connect() throws Exception {
    handset = new VirtualHandset(Profiles.armani(), Identity.empty(), 0, 0);
    handset.start();
    serial = "127.0.0.1:" + handset.adbPort();
    Adb.connect(serial, Duration.ofSeconds(20));
    AndroidDebugBridge.init(false);
    bridge = AndroidDebugBridge.createBridge("/usr/bin/adb", false, 30, TimeUnit.SECONDS);
    assertThat(bridge).as("ddmlib bridge to the adb server").isNotNull();
  }

  @AfterClass(alwaysRun = true)
  public void disconnect() {
    try {
      // terminate() stops ddmlib's own threads only; disconnectBridge() would also kill the
      // adb server that this JVM asked to start, and that server is shared.
      AndroidDebugBridge.terminate();
    } finally {
      if (serial != null) {
        Adb.disconnect(serial);
      }
      if (handset != null) {
        handset.close();
      }
    }
  }

  @Test
  public void ddmlib_runs_shell_commands_on_the_handset() throws Exception {
    IDevice device = awaitDevice();

    assertThat(shell(device, "getprop ro.build.fingerprint").trim())
        .isEqualTo(Profiles.FINGERPRINT);
    shell(device, "settings put secure cloud_sync 0");
    assertThat(shell(device, "settings get secure cloud_sync")).isEqualTo("0\n");
    assertThat(shell(device, "su 0 id")).startsWith("uid=0(root)");
  }

  @Test
  public void ddmlib_reads_device_properties() throws Exception {
    IDevice device = awaitDevice();

    assertThat(device.getSystemProperty("ro.product.model").get(10, TimeUnit.SECONDS))
        .isEqualTo("armani");
  }

  @Test
  public void ddmlib_pushes_and_pulls_files_over_sync() throws Exception {
    IDevice device = awaitDevice();
    Path dir = Files.createTempDirectory("ddmlib-it-");
    try {
      Path local = dir.resolve("ca.pem");
      byte[] content = new byte[150_000];
      new Random(3).nextBytes(content);
      Files.write(local, content);

      device.pushFile(local.toString(), "/data/local/tmp/ca.pem");
      Path back = dir.resolve("back.pem");
      device.pullFile("/data/local/tmp/ca.pem", back.toString());

      assertThat(handset.state().fs().read("/data/local/tmp/ca.pem").orElseThrow().content())
          .isEqualTo(content);
      assertThat(Files.readAllBytes(back)).isEqualTo(content);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  public void ddmlib_runs_many_commands_at_once_on_one_connection() throws Exception {
    IDevice device = awaitDevice();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String line = "echo " + i;
        results.add(pool.submit(() -> shell(device, line)));
      }
      for (int i = 0; i < 24; i++) {
        assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i + "\n");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private IDevice awaitDevice() throws InterruptedException {
    IDevice[] found = new IDevice[1];
    Adb.await(Duration.ofSeconds(30), "ddmlib to list " + serial + " online", () -> {
      Optional<IDevice> d = Arrays.stream(bridge.getDevices())
          .filter(x -> x.getSerialNumber().equals(serial) && x.isOnline()).findFirst();
      d.ifPresent(x -> found[0] = x);
      return d.isPresent();
    });
    return found[0];
  }

  private static String shell(IDevice device, String command) throws Exception {
    CollectingOutputReceiver receiver = new CollectingOutputReceiver();
    device.executeShellCommand(command, receiver, 10, TimeUnit.SECONDS);
    return receiver.getOutput();
  }
}
