package io.phonehome.capture.pcap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names a capture's DNS responses gave each address, so that a socket to a bare IP
 * address is reported under the name the phone looked up for it.
 */
final class DnsNames {
  private final Map<String, List<Resolved>> byAddress = new HashMap<>();

  private record Resolved(Instant time, String name) {}

  /** The answers of every DNS response among these datagrams (from port 53). */
  static DnsNames of(List<UdpDatagram> datagrams) {
    DnsNames names = new DnsNames();
    for (UdpDatagram d : datagrams) {
      if (d.source().port() != 53) {
        continue;
      }
      for (DnsAnswer a : DnsAnswer.parse(d.payload())) {
        names.byAddress.computeIfAbsent(a.address(), k -> new ArrayList<>()).add(new Resolved(d.time(), a.name()));
      }
    }
    return names;
  }

  /**
   * The name last resolved to {@code address} at or before {@code time}; failing that, the
   * first one after it (capture timestamps of a lookup and its connect can cross).
   */
  Optional<String> nameOf(String address, Instant time) {
    List<Resolved> answers = byAddress.get(address);
    if (answers == null) {
      return Optional.empty();
    }
    Resolved best = null;
    for (Resolved r : answers) {
      if (!r.time().isAfter(time) && (best == null || !r.time().isBefore(best.time()))) {
        best = r;
      }
    }
    return Optional.of(best != null ? best.name() : answers.get(0).name());
  }
}
