package io.phonehome.capture;

import io.phonehome.lifecycle.LogTail;
import io.phonehome.lifecycle.Processes;
import io.phonehome.lifecycle.Program;
import io.phonehome.lifecycle.StartException;
import io.phonehome.lifecycle.Startable;
import io.phonehome.lifecycle.Watch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Packet capture on a rooted phone, beside the proxy: {@code adb exec-out "su -c 'tcpdump
 * -i any -U -w -'"} streamed into a pcap file for the whole scenario. It sees what the
 * proxy never does: sockets that ignore the proxy setting, DNS, UDP, TLS the phone
 * refused to open with the lab CA.
 */
public final class PhonePacketCapture implements Startable {
  /** The command a lab runs on a rooted phone. */
  public static final String COMMAND = "su -c 'tcpdump -i any -U -w -'";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
  private static final int PCAP_HEADER = 24;

  private final Path adb;
  private final String serial;
  private final Path first;
  private final List<Path> segments = new ArrayList<>();
  private Path pcap;
  private Process process;

  /**
   * @param pcap the first capture file; after a reboot ends the stream, the capture goes
   *     on in {@code NAME-1.pcap}, {@code NAME-2.pcap}, ... beside it
   */
  public PhonePacketCapture(Path adb, String serial, Path pcap) {
    this.adb = adb;
    this.serial = serial;
    this.first = pcap;
  }

  @Override
  public synchronized void start() throws StartException {
    if (process != null && process.isAlive()) {
      return;
    }
    pcap = segmentFile(segments.size());
    segments.add(pcap);
    try {
      Files.createDirectories(pcap.toAbsolutePath().getParent());
      Files.deleteIfExists(pcap);
      process = Program.tiedToHarness(Program.ADB.command(adb, "-s", serial, "exec-out", COMMAND)
          .redirectOutput(pcap.toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(log().toFile())))
          .start();
    } catch (IOException e) {
      throw new StartException("cannot run adb exec-out on " + serial + ": " + e.getMessage());
    }
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (size() < PCAP_HEADER) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        String said = head();
        stop();
        throw new StartException("no packet capture on " + serial + ": "
            + (said.isBlank() ? "tcpdump wrote nothing within " + READY_TIMEOUT.toSeconds() + " s" : said));
      }
      pause();
    }
    if (!isPcap()) {
      String said = head();
      stop();
      throw new StartException("no packet capture on " + serial + ": " + said);
    }
  }

  /**
   * Starts a new capture file when the stream ended (a reboot closes adb and with it
   * tcpdump on the phone); does nothing while it runs.
   */
  public synchronized void resume() throws StartException {
    start();
  }

  /**
   * The capture's liveness for a {@link Watch}: the adb stream must run; once it ends
   * (tcpdump or adb gone, the phone dropped off) nothing more is captured.
   */
  public Watch.Check check() {
    return Watch.Check.of(Watch.PACKETS, () -> {
      synchronized (this) {
        Process p = process;
        if (p == null) {
          return Optional.of("the tcpdump stream over adb is not running");
        }
        return p.isAlive() ? Optional.empty()
            : Optional.of("the tcpdump stream over adb ended (adb exec-out exited with status "
                + p.exitValue() + ")");
      }
    }, () -> LogTail.of(log(), 5));
  }

  /** What adb printed on standard error while it streamed the capture. */
  public Path log() {
    return first.resolveSibling(first.getFileName() + ".adb.log");
  }

  /** Every capture file so far, in order (each a valid pcap once started). */
  public synchronized List<Path> files() {
    return List.copyOf(segments);
  }

  private Path segmentFile(int n) {
    if (n == 0) {
      return first;
    }
    String name = first.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    String ext = dot < 0 ? "" : name.substring(dot);
    return first.resolveSibling(stem + "-" + n + ext);
  }

  private long size() {
    try {
      return Files.size(pcap);
    } catch (IOException e) {
      return 0;
    }
  }

  private boolean isPcap() {
    try (InputStream in = Files.newInputStream(pcap)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && List.of("d4c3b2a1", "a1b2c3d4", "4d3cb2a1", "a1b23c4d", "0a0d0d0a")
          .contains(String.format("%02x%02x%02x%02x", magic[0], magic[1], magic[2], magic[3]));
    } catch (IOException e) {
      return false;
    }
  }

  /** What the phone printed instead of a capture (an error), as one line. */
  private String head() {
    try (InputStream in = Files.newInputStream(pcap)) {
      return new String(in.readNBytes(300), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the capture: closing the adb stream ends tcpdump on the phone. */
  @Override
  public synchronized void stop() {
    Process p = process;
    process = null;
    Processes.terminate(p, Duration.ofSeconds(5));
  }
}
