package io.phonehome.capture;

import java.util.Objects;

/**
 * Which flow of a device something is about: the capture that numbered it and its index
 * there. The proxy numbers what it sees (channels {@code proxy} and {@code tls-refused};
 * for {@code audit --har}, the HAR entry index), the packet capture numbers what went
 * around the proxy ({@code direct}, {@code dns}, {@code quic}), each from 0. So one number
 * can name a flow of each, and flows and findings are matched by both, never by the index
 * alone. findings.json keeps the integer index; its {@code channel} tells the capture.
 *
 * <pre>{@code
 * flow.id().equals(finding.flowId())   // the finding is about this flow
 * flow.id().toString()                 // "flow 3", or "pcap flow 3"
 * }</pre>
 *
 * @param capture the capture whose index it is
 * @param index the flow's index in that capture, from 0
 */
public record FlowId(Source capture, int index) {
  /** The capture a flow's index counts in. */
  public enum Source {
    /** The capture proxy (its bridge, or the HAR it wrote). */
    PROXY,
    /** The phone's packet capture. */
    PCAP
  }

  public FlowId {
    Objects.requireNonNull(capture, "capture");
  }

  /** The id of the flow with this index on this channel. */
  public static FlowId of(Channel channel, int index) {
    Source source = switch (Objects.requireNonNull(channel, "channel")) {
      case PROXY, TLS_REFUSED -> Source.PROXY;
      case DIRECT, DNS, QUIC -> Source.PCAP;
    };
    return new FlowId(source, index);
  }

  /** {@code flow 3} for the proxy's flow 3, {@code pcap flow 3} for the packet capture's. */
  @Override
  public String toString() {
    return (capture == Source.PCAP ? "pcap flow " : "flow ") + index;
  }
}
