package io.phonehome.capture.pcap;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts TCP segments back in sequence order, per connection and direction. Retransmitted
 * and overlapping bytes are dropped, segments that arrive early wait in a bounded window,
 * and a capture that starts mid-stream takes the first segment's sequence number as its
 * start.
 */
final class TcpReassembler {
  private final PcapLimits limits;
  private final Map<List<Endpoint>, Connection> open = new HashMap<>();
  private final List<Connection> all = new ArrayList<>();

  TcpReassembler(PcapLimits limits) {
    this.limits = limits;
  }

  void add(Segment s) {
    List<Endpoint> key = key(s.source(), s.destination());
    Connection c = open.get(key);
    boolean opening = s.has(Segment.SYN) && !s.has(Segment.ACK);
    if (c != null && opening && c.closed) {
      c = null;
    }
    if (c == null) {
      c = new Connection(all.size(), s, limits);
      open.put(key, c);
      all.add(c);
    }
    c.add(s);
  }

  List<TcpStream> streams() {
    List<TcpStream> out = new ArrayList<>(all.size());
    for (Connection c : all) {
      out.add(c.toStream());
    }
    return out;
  }

  private static List<Endpoint> key(Endpoint a, Endpoint b) {
    return a.toString().compareTo(b.toString()) <= 0 ? List.of(a, b) : List.of(b, a);
  }

  private static final class Connection {
    final int index;
    final Instant firstSeen;
    final Endpoint client;
    final Endpoint server;
    final Direction up;
    final Direction down;
    boolean closed;

    Connection(int index, Segment first, PcapLimits limits) {
      this.index = index;
      this.firstSeen = first.time();
      boolean senderIsClient;
      if (first.has(Segment.SYN)) {
        senderIsClient = !first.has(Segment.ACK);
      } else {
        // mid-stream: the server is the side on the lower, usually well-known, port
        senderIsClient = first.source().port() >= first.destination().port();
      }
      client = senderIsClient ? first.source() : first.destination();
      server = senderIsClient ? first.destination() : first.source();
      up = new Direction("client to server", limits);
      down = new Direction("server to client", limits);
    }

    void add(Segment s) {
      if (s.has(Segment.FIN) || s.has(Segment.RST)) {
        closed = true;
      }
      (s.source().equals(client) ? up : down).add(s);
    }

    TcpStream toStream() {
      up.finish();
      down.finish();
      List<String> notes = new ArrayList<>(up.notes);
      notes.addAll(down.notes);
      return new TcpStream(index, firstSeen, client, server, up.kept.toByteArray(),
          down.kept.toByteArray(), up.delivered, down.delivered, notes);
    }
  }

  private static final class Direction {
    final String name;
    final PcapLimits limits;
    final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    final TreeMap<Long, byte[]> early = new TreeMap<>();
    final List<String> notes = new ArrayList<>();
    long earlyBytes;
    boolean started;
    /** Next expected sequence number, unwrapped to 64 bits. */
    long next;
    long delivered;
    boolean capNoted;

    Direction(String name, PcapLimits limits) {
      this.name = name;
      this.limits = limits;
    }

    void add(Segment s) {
      if (!started) {
        started = true;
        next = s.has(Segment.SYN) ? s.seq() + 1 : s.seq();
      } else if (s.has(Segment.SYN) && delivered == 0 && early.isEmpty()) {
        next = s.seq() + 1;
      }
      byte[] data = s.payload();
      if (data.length == 0) {
        return;
      }
      long seq = s.has(Segment.SYN) ? s.seq() + 1 : s.seq();
      // 32-bit sequence numbers wrap: place the segment relative to what we expect next
      long at = next + (int) (seq - next);
      if (at - next > limits.reorderWindow()) {
        notes.add(name + ": segment " + (at - next) + " bytes ahead of the stream dropped");
        return;
      }
      place(at, data);
      drain();
    }

    private void place(long at, byte[] data) {
      if (at <= next) {
        int skip = (int) Math.min(data.length, next - at);
        if (skip < data.length) {
          deliver(data, skip);
        }
        return;
      }
      byte[] held = early.get(at);
      if (held == null || held.length < data.length) {
        early.put(at, data);
        earlyBytes += data.length - (held == null ? 0 : held.length);
      }
      if (earlyBytes > limits.reorderWindow()) {
        skipGap();
      }
    }

    private void drain() {
      while (!early.isEmpty() && early.firstKey() <= next) {
        Map.Entry<Long, byte[]> e = early.pollFirstEntry();
        earlyBytes -= e.getValue().length;
        long at = e.getKey();
        int skip = (int) Math.min(e.getValue().length, next - at);
        if (skip < e.getValue().length) {
          deliver(e.getValue(), skip);
        }
      }
    }

    /** A lost segment never came: carry on after the hole, saying so. */
    private void skipGap() {
      long first = early.firstKey();
      notes.add(name + ": " + (first - next) + " bytes never captured at stream byte "
          + delivered + "; skipped");
      next = first;
      drain();
    }

    void finish() {
      while (!early.isEmpty()) {
        skipGap();
      }
    }

    private void deliver(byte[] data, int from) {
      int length = data.length - from;
      long room = limits.maxStreamBytes() - (long) kept.size();
      if (room > 0) {
        kept.write(data, from, (int) Math.min(room, length));
      }
      if (room < length && !capNoted) {
        capNoted = true;
        notes.add(name + ": cut at " + limits.maxStreamBytes() + " bytes");
      }
      delivered += length;
      next += length;
    }
  }
}
