package io.phonehome.capture.pcap;

import java.time.Instant;

/** A decoded TCP segment or UDP datagram, before reassembly. */
record Segment(Instant time, boolean tcp, Endpoint source, Endpoint destination, long seq,
    int flags, byte[] payload) {

  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int ACK = 0x10;

  boolean has(int flag) {
    return (flags & flag) != 0;
  }
}
