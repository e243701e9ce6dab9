package io.phonehome.capture.pcap;

import io.phonehome.capture.Flow;
import java.util.Objects;
import java.util.Optional;

/**
 * A flow made from a capture, with the packet-level facts a finding reports; its payload
 * byte counts are the flow's {@link Flow#bytes()}.
 *
 * @param flow what the detector scans
 * @param client where it came from
 * @param server the address and port it went to
 * @param serverName the DNS name (for DNS), SNI, HTTP Host or the DNS answer's name, when known
 */
public record PcapFlow(Flow flow, Endpoint client, Endpoint server, Optional<String> serverName) {

  public PcapFlow {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(serverName, "serverName");
  }
}
