package io.phonehome.capture.pcap;

import java.util.List;

/**
 * What a capture held, as far as it could be read.
 *
 * @param format {@code pcap} or {@code pcapng}
 * @param packets records read, including those that were not TCP or UDP
 * @param streams TCP connections in the order their first packet came
 * @param datagrams UDP datagrams in capture order
 * @param problems why reading stopped or what was skipped, each as {@code offset N: what};
 *     empty for a clean file
 */
public record PcapResult(String format, long packets, List<TcpStream> streams,
    List<UdpDatagram> datagrams, List<String> problems) {

  public PcapResult {
    streams = List.copyOf(streams);
    datagrams = List.copyOf(datagrams);
    problems = List.copyOf(problems);
  }

  /**
   * The problems a file still being written does not explain: all but a last record (or
   * the file header) that ends at the end of the file. Empty for a live capture read
   * while tcpdump writes it, however much of it was read.
   */
  public List<String> problemsBeyondALiveTail() {
    return problems.stream()
        .filter(p -> !(p.contains(" cut short") && !p.contains(" skipped as malformed"))
            && !p.contains(" too short for a capture header"))
        .toList();
  }
}
