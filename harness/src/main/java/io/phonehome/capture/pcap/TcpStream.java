package io.phonehome.capture.pcap;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One reassembled TCP connection.
 *
 * @param index position among the capture's streams, in the order their first packet came
 * @param firstSeen time of the stream's first packet
 * @param client the side that opened it (guessed by port for captures that start mid-stream)
 * @param server the side that accepted it
 * @param clientBytes client to server bytes in sequence order, cut at the stream cap
 * @param serverBytes server to client bytes in sequence order, cut at the stream cap
 * @param clientByteCount client to server bytes seen, including those beyond the cap
 * @param serverByteCount server to client bytes seen, including those beyond the cap
 * @param notes what went wrong in reassembly (caps hit, gaps skipped), empty when nothing
 */
public record TcpStream(
    int index,
    Instant firstSeen,
    Endpoint client,
    Endpoint server,
    byte[] clientBytes,
    byte[] serverBytes,
    long clientByteCount,
    long serverByteCount,
    List<String> notes) {

  public TcpStream {
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(server, "server");
    clientBytes = clientBytes.clone();
    serverBytes = serverBytes.clone();
    notes = List.copyOf(notes);
  }

  @Override
  public byte[] clientBytes() {
    return clientBytes.clone();
  }

  @Override
  public byte[] serverBytes() {
    return serverBytes.clone();
  }

  /** True when a cap cut either direction. */
  public boolean truncated() {
    return clientByteCount > clientBytes.length || serverByteCount > serverBytes.length;
  }
}
