/**
 * Packet captures: everything the phone sent, including what went around the proxy.
 *
 * <p>{@link io.phonehome.capture.pcap.PcapReader} reads pcap and pcapng from a stream into
 * a {@link io.phonehome.capture.pcap.PcapResult} of reassembled TCP streams and UDP
 * datagrams; {@link io.phonehome.capture.pcap.PcapFlows} turns that into {@link
 * io.phonehome.capture.Flow}s (direct, DNS, QUIC, refused TLS) for the detector, leaving
 * out the streams a {@link io.phonehome.capture.pcap.PcapFilter} names as the proxy's.
 * {@link io.phonehome.capture.pcap.DnsQuery}, {@link
 * io.phonehome.capture.pcap.TlsClientHello}, {@link io.phonehome.capture.pcap.Quic} and
 * {@link io.phonehome.capture.pcap.HttpRequests} decode the protocols.
 */
package io.phonehome.capture.pcap;
