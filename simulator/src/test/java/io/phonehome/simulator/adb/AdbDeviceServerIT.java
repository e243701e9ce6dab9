package io.phonehome.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.VirtualFs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** Debian's adb client and server drive a virtual handset over the adb device protocol. */
public class AdbDeviceServerIT {
  private VirtualHandset handset;
  private String serial;
  private Path work;

  @BeforeClass
  public void connect() throws Exception {
    handset = new VirtualHandset(Profiles.armani(),
        new Identity(Map.of("imei", "861234567890123"), List.of()), 0, 0);
    handset.start();
    serial = "127.0.0.1:" + handset.adbPort();
    work = Files.createTempDirectory("adb-it-");
    Adb.connect(serial, Duration.ofSeconds(20));
  }

  @AfterClass(alwaysRun = true)
  public void disconnect() throws Exception {
    if (serial != null) {
      Adb.disconnect(serial);
    }
    if (handset != null) {
      handset.close();
    }
    if (work != null) {
      try (var files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  public void adb_devices_lists_the_handset_as_device() throws Exception {
    assertThat(Adb.run("devices", "-l").output())
        .contains(serial)
        .contains("device product:armani model:armani device:armani");
  }

  @Test
  public void shell_getprop_prints_the_firmware_fingerprint() throws Exception {
    assertThat(Adb.shell(serial, "getprop ro.build.fingerprint"))
        .isEqualTo(Profiles.FINGERPRINT + "\n");
  }

  @Test
  public void pushed_file_reads_back_with_shell_cat_and_pull() throws Exception {
    Path local = work.resolve("hello.txt");
    Files.writeString(local, "hello from the lab\nsecond line\n");
    Adb.Run push = Adb.run("-s", serial, "push", local.toString(), "/data/local/tmp/hello.txt");
    assertThat(push.exitCode()).as(push.output()).isZero();

    assertThat(Adb.shell(serial, "cat /data/local/tmp/hello.txt"))
        .isEqualTo("hello from the lab\nsecond line\n");
    Path back = work.resolve("back.txt");
    Adb.Run pull = Adb.run("-s", serial, "pull", "/data/local/tmp/hello.txt", back.toString());
    assertThat(pull.exitCode()).as(pull.output()).isZero();
    assertThat(Files.readString(back)).isEqualTo("hello from the lab\nsecond line\n");
  }

  @Test
  public void large_binary_push_survives_many_messages() throws Exception {
    byte[] content = new byte[700_000];
    new Random(7).nextBytes(content);
    Path local = work.resolve("big.bin");
    Files.write(local, content);
    Adb.Run push = Adb.run("-s", serial, "push", local.toString(), "/sdcard/big.bin");

    assertThat(push.exitCode()).as(push.output()).isZero();
    assertThat(handset.state().fs().read("/sdcard/big.bin").orElseThrow().content())
        .isEqualTo(content);
  }

  @Test
  public void exec_out_cat_returns_a_pushed_binary_file_byte_for_byte() throws Exception {
    byte[] content = new byte[256 * 3];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Path local = work.resolve("bytes.bin");
    Files.write(local, content);
    Adb.run("-s", serial, "push", local.toString(), "/data/local/tmp/bytes.bin");

    assertThat(Adb.run("-s", serial, "exec-out", "cat /data/local/tmp/bytes.bin").bytes())
        .isEqualTo(content);
  }

  @Test
  public void push_to_system_fails_for_the_shell_user_whether_or_not_it_is_remounted()
      throws Exception {
    Path local = work.resolve("evil.txt");
    Files.writeString(local, "x");
    Adb.shell(serial, "su -c 'mount -o ro,remount /system'");
    Adb.Run readOnly = Adb.run("-s", serial, "push", local.toString(), "/system/evil.txt");
    Adb.shell(serial, "su -c 'mount -o rw,remount /system'");
    Adb.Run remounted = Adb.run("-s", serial, "push", local.toString(), "/system/evil.txt");

    assertThat(readOnly.exitCode()).isNotZero();
    assertThat(readOnly.output()).contains("couldn't create file: Read-only file system");
    assertThat(remounted.exitCode()).isNotZero();
    assertThat(remounted.output()).contains("couldn't create file: Permission denied");
    assertThat(handset.state().fs().exists("/system/evil.txt")).isFalse();
  }

  @Test
  public void settings_put_then_get_round_trips_over_adb() throws Exception {
    Adb.shell(serial, "settings put global http_proxy 127.0.0.1:8080");

    assertThat(Adb.shell(serial, "settings get global http_proxy")).isEqualTo("127.0.0.1:8080\n");
    assertThat(handset.state().settings().get("global", "http_proxy")).isEqualTo("127.0.0.1:8080");
    Adb.shell(serial, "settings put global http_proxy :0");
    assertThat(Adb.shell(serial, "settings get global http_proxy")).isEqualTo(":0\n");
  }

  @Test
  public void lab_ca_installs_into_the_system_store_the_way_the_harness_does_it()
      throws Exception {
    Path pem = work.resolve("ca.pem");
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    String staged = "/data/local/tmp/9a5ba575.0";
    String installed = VirtualFs.SYSTEM_CA_DIR + "/9a5ba575.0";
    assertThat(Adb.run("-s", serial, "push", pem.toString(), staged).exitCode()).isZero();

    String out = Adb.shell(serial, "su -c 'mount -o rw,remount /system && cp " + staged + " "
        + installed + " && chmod 644 " + installed + "'");

    assertThat(out).isEmpty();
    VirtualFs.Entry cert = handset.state().fs().read(installed).orElseThrow();
    assertThat(new String(cert.content(), StandardCharsets.UTF_8)).startsWith("-----BEGIN");
    assertThat(cert.mode()).isEqualTo(0644);

    assertThat(Adb.shell(serial, "su -c 'rm " + installed + "'")).isEmpty();
    assertThat(handset.state().fs().exists(installed)).isFalse();
  }

  @Test
  public void exec_out_sends_raw_output() throws Exception {
    assertThat(Adb.run("-s", serial, "exec-out", "echo", "a", "b").output()).isEqualTo("a b\n");
  }

  @Test
  public void interactive_shell_reads_lines_and_su_switches_to_root() throws Exception {
    Path input = work.resolve("input.txt");
    Files.writeString(input, "getprop ro.product.device\nsu\nid -u\nexit\nexit\n");

    Adb.Run run = Adb.run(Duration.ofSeconds(20), input, "-s", serial, "shell");

    assertThat(run.output()).isEqualTo(
        "shell@armani:/ $ armani\nshell@armani:/ $ root@armani:/ # 0\nroot@armani:/ # shell@armani:/ $ ");
  }

  @Test
  public void unknown_command_prints_not_found() throws Exception {
    assertThat(Adb.shell(serial, "frobnicate")).isEqualTo("/system/bin/sh: frobnicate: not found\n");
  }
}
