package io.phonehome.simulator.net.packet;

import io.phonehome.simulator.shell.StreamingProgram;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * {@code tcpdump} on a rooted phone, for {@code adb exec-out "su -c 'tcpdump -i any -U -w -'"}:
 * a classic pcap (Linux cooked, {@link PcapWriter}) on standard output of every packet
 * the handset's network makes from the moment it starts, streamed until the reader goes
 * away (or {@code -c COUNT} packets). Without root it fails as a phone's does. Options:
 * {@code -i any|wlan0}, {@code -w -} (required), {@code -U}, {@code -s N}, {@code -n},
 * {@code -nn}, {@code -p}, {@code -c N}.
 */
public final class TcpdumpProgram implements StreamingProgram {
  private static final Duration POLL = Duration.ofMillis(200);
  private final PacketLog log;

  public TcpdumpProgram(PacketLog log) {
    this.log = log;
  }

  @Override
  public int run(List<String> args, boolean root, Terminal terminal) {
    String iface = "wlan0";
    String file = null;
    boolean perPacket = false;
    long count = Long.MAX_VALUE;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-i", "-w", "-s", "-c" -> {
          if (i + 1 >= args.size()) {
            terminal.error("tcpdump: option requires an argument -- '" + a.charAt(1) + "'");
            return 1;
          }
          String v = args.get(++i);
          switch (a) {
            case "-i" -> iface = v;
            case "-w" -> file = v;
            case "-c" -> {
              if (!v.matches("[1-9]\\d{0,9}")) {
                terminal.error("tcpdump: invalid packet count " + v);
                return 1;
              }
              count = Long.parseLong(v);
            }
            default -> {
              if (!v.matches("\\d{1,6}")) {
                terminal.error("tcpdump: invalid snaplen " + v);
                return 1;
              }
            }
          }
        }
        case "-U" -> perPacket = true;
        case "-n", "-nn", "-p", "-q" -> {
          // names are never resolved here; promiscuous mode changes nothing on loopback
        }
        default -> {
          terminal.error("tcpdump: unsupported option '" + a + "' (this handset's tcpdump knows -i -w -U -s -n -nn -p -c)");
          return 1;
        }
      }
    }
    if (!List.of("any", "wlan0").contains(iface)) {
      terminal.error("tcpdump: " + iface + ": No such device exists");
      terminal.error("(SIOCGIFHWADDR: No such device)");
      return 1;
    }
    if (!root) {
      terminal.error("tcpdump: " + iface + ": You don't have permission to capture on that device");
      terminal.error("(socket: Operation not permitted)");
      return 1;
    }
    if (!"-".equals(file)) {
      terminal.error("tcpdump: this handset's tcpdump writes only a pcap to standard output (-w -)");
      return 1;
    }
    return capture(terminal, perPacket, count);
  }

  private int capture(Terminal terminal, boolean perPacket, long count) {
    long from = log.next();
    long written = 0;
    try {
      terminal.write(PcapWriter.globalHeader());
      terminal.flush();
      while (written < count && !terminal.hangedUp()) {
        PacketLog.Batch batch;
        try {
          batch = log.await(from, POLL);
        } catch (InterruptedException e) {
          break;
        }
        from = batch.next();
        for (Packet p : batch.packets()) {
          if (written >= count) {
            break;
          }
          terminal.write(PcapWriter.record(p));
          written++;
          if (perPacket) {
            terminal.flush();
          }
        }
        terminal.flush();
      }
    } catch (UncheckedIOException e) {
      // the reader went away: a capture ends that way
    }
    return 0;
  }
}
