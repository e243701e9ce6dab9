package io.phonehome.capture.pcap;

import io.phonehome.capture.Flow;
import java.util.Objects;
import java.util.Optional;

/**
 * A flow made from a capture, with the packet-level facts a finding reports.
 *
 * @param flow what the detector scans
 * @param client where it came from
 * @param server the address and port it went to
 * @param serverName the DNS name (for DNS), SNI or HTTP Host, when known
 * @param bytesToServer payload bytes sent by the client
 * @param bytesToClient payload bytes sent back
 */
public record PcapFlow(Flow flow, Endpoint client, Endpoint server,
    Optional<String> serverName, long bytesToServer, long bytesToClient) {

  public PcapFlow {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(serverName, "serverName");
  }
}
