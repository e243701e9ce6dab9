package io.phonehome.simulator.net.packet;

import java.util.Arrays;

/**
 * One TCP connection of the phone as packets: the three-way handshake, data segments of
 * at most {@value #MSS} bytes each acknowledged by the other side, and FIN in both
 * directions (or RST when the connection was refused). Sequence numbers start at random
 * and advance by payload length, SYN and FIN counting one each.
 */
public final class TcpFlow {
  /** The maximum segment size announced on SYN and used to split payloads. */
  public static final int MSS = 1460;
  private static final int WINDOW = 65535;

  private final PacketLog log;
  private final byte[] phone;
  private final int phonePort;
  private final byte[] peer;
  private final int peerPort;
  private long phoneSeq;
  private long peerSeq;
  private boolean open;
  private boolean closed;
  private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

  public TcpFlow(PacketLog log, byte[] phone, int phonePort, byte[] peer, int peerPort) {
    this.log = log;
    this.phone = phone.clone();
    this.phonePort = phonePort;
    this.peer = peer.clone();
    this.peerPort = peerPort;
    java.util.Random r = new java.util.Random();
    this.phoneSeq = r.nextInt() & 0xffffffffL;
    this.peerSeq = r.nextInt() & 0xffffffffL;
  }

  /** SYN, SYN-ACK, ACK. */
  public synchronized void open() {
    out(Ipv4.SYN, phoneSeq, 0, new byte[0]);
    phoneSeq++;
    in(Ipv4.SYN | Ipv4.ACK, peerSeq, phoneSeq, new byte[0]);
    peerSeq++;
    out(Ipv4.ACK, phoneSeq, peerSeq, new byte[0]);
    open = true;
  }

  /** SYN answered by RST: nobody listens there. */
  public synchronized void refused() {
    out(Ipv4.SYN, phoneSeq, 0, new byte[0]);
    in(Ipv4.RST | Ipv4.ACK, 0, phoneSeq + 1, new byte[0]);
    closed = true;
  }

  /** The phone sends bytes: segments of at most MSS, then the peer's ACK. */
  public synchronized void sent(byte[] data, int off, int len) {
    if (!open || closed || len <= 0) {
      return;
    }
    flushReceived();
    for (int i = off; i < off + len; i += MSS) {
      int n = Math.min(MSS, off + len - i);
      out(Ipv4.ACK | Ipv4.PSH, phoneSeq, peerSeq, Arrays.copyOfRange(data, i, i + n));
      phoneSeq += n;
    }
    in(Ipv4.ACK, peerSeq, phoneSeq, new byte[0]);
  }

  /**
   * The peer sends bytes. Reads come in small pieces (a TLS record header, then its body),
   * so they are held until the phone speaks or closes and then logged as MSS-sized
   * segments followed by the phone's ACK, as the wire would carry them.
   */
  public synchronized void received(byte[] data, int off, int len) {
    if (!open || closed || len <= 0) {
      return;
    }
    pending.write(data, off, len);
  }

  private void flushReceived() {
    if (pending.size() == 0) {
      return;
    }
    byte[] data = pending.toByteArray();
    pending.reset();
    for (int i = 0; i < data.length; i += MSS) {
      int n = Math.min(MSS, data.length - i);
      in(Ipv4.ACK | Ipv4.PSH, peerSeq, phoneSeq, Arrays.copyOfRange(data, i, i + n));
      peerSeq += n;
    }
    out(Ipv4.ACK, phoneSeq, peerSeq, new byte[0]);
  }

  /** FIN from the phone, FIN-ACK from the peer, the last ACK. Once only. */
  public synchronized void close() {
    if (!open || closed) {
      return;
    }
    flushReceived();
    closed = true;
    out(Ipv4.FIN | Ipv4.ACK, phoneSeq, peerSeq, new byte[0]);
    phoneSeq++;
    in(Ipv4.FIN | Ipv4.ACK, peerSeq, phoneSeq, new byte[0]);
    peerSeq++;
    out(Ipv4.ACK, phoneSeq, peerSeq, new byte[0]);
  }

  private void out(int flags, long seq, long ack, byte[] payload) {
    log.add(true, Ipv4.tcp(phone, phonePort, peer, peerPort, seq, ack, flags, WINDOW, payload));
  }

  private void in(int flags, long seq, long ack, byte[] payload) {
    log.add(false, Ipv4.tcp(peer, peerPort, phone, phonePort, seq, ack, flags, WINDOW, payload));
  }
}
