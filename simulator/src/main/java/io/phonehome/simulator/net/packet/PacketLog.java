package io.phonehome.simulator.net.packet;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Every packet the handset's network sent or received, as synthesized by {@link TcpFlow}
 * and {@link Datagrams}: a ring buffer bounded in bytes (oldest packets go first), each
 * packet numbered so a reader ({@code tcpdump}) can follow from the moment it started.
 *
 * <pre>
 * long from = log.next();
 * PacketLog.Batch b = log.await(from, Duration.ofMillis(200));
 * </pre>
 */
public final class PacketLog {
  /** The default bound, 32 MiB. */
  public static final long DEFAULT_CAPACITY = 32L << 20;

  private final long capacity;
  private final Deque<Packet> packets = new ArrayDeque<>();
  private long first;
  private long bytes;

  public PacketLog() {
    this(DEFAULT_CAPACITY);
  }

  public PacketLog(long capacityBytes) {
    this.capacity = capacityBytes;
  }

  /** Packets from number {@code from} on, and the number to ask for next. */
  public record Batch(List<Packet> packets, long next) {
    public Batch {
      packets = List.copyOf(packets);
    }
  }

  /** Adds a packet stamped now. */
  public void add(boolean outgoing, byte[] ip) {
    Packet p = new Packet(nowMicros(), outgoing, ip);
    synchronized (packets) {
      packets.addLast(p);
      bytes += p.size();
      while (bytes > capacity && packets.size() > 1) {
        bytes -= packets.removeFirst().size();
        first++;
      }
      packets.notifyAll();
    }
  }

  /** The number the next packet will get. */
  public long next() {
    synchronized (packets) {
      return first + packets.size();
    }
  }

  /** Everything still held, oldest first. */
  public List<Packet> snapshot() {
    synchronized (packets) {
      return new ArrayList<>(packets);
    }
  }

  /**
   * Packets numbered {@code from} or later, waiting up to {@code timeout} for one to come;
   * packets already dropped from the ring are skipped.
   */
  public Batch await(long from, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (packets) {
      while (first + packets.size() <= from) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return new Batch(List.of(), from);
        }
        packets.wait(Math.max(1, left / 1_000_000));
      }
      List<Packet> out = new ArrayList<>();
      long n = first;
      for (Packet p : packets) {
        if (n >= from) {
          out.add(p);
        }
        n++;
      }
      return new Batch(out, n);
    }
  }

  private static long nowMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
