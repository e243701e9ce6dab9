package io.phonehome.capture.pcap;

import io.phonehome.capture.ByteCount;
import io.phonehome.capture.Channel;
import io.phonehome.capture.Flow;
import io.phonehome.capture.Header;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a capture held into {@link Flow}s the detector scans: TCP not to the proxy as
 * {@code DIRECT} (one flow per plain HTTP request, else one per stream), TLS that stopped
 * after its ClientHello as {@code TLS_REFUSED} when the filter asks, each DNS question as
 * {@code DNS}, UDP to port 443 that looks like QUIC as {@code QUIC}, and other UDP as
 * {@code DIRECT}. Flows are ordered by their first packet's time and numbered from 0.
 */
public final class PcapFlows {
  /** UDP payload kept per conversation for the detector. */
  private static final int MAX_UDP_BODY = 1 << 20;

  private PcapFlows() {}

  /** The flows of this capture, in time order. */
  public static List<Flow> from(PcapResult result, PcapFilter filter) {
    return describe(result, filter).stream().map(PcapFlow::flow).toList();
  }

  /** The flows of this capture with their addresses and names (byte counts are on each flow). */
  public static List<PcapFlow> describe(PcapResult result, PcapFilter filter) {
    List<PcapFlow> out = new ArrayList<>();
    DnsNames names = DnsNames.of(result.datagrams());
    for (TcpStream s : result.streams()) {
      tcp(s, filter, names, out);
    }
    udp(result.datagrams(), names, out);
    List<PcapFlow> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparing(f -> f.flow().time()));
    List<PcapFlow> numbered = new ArrayList<>(sorted.size());
    for (PcapFlow f : sorted) {
      numbered.add(new PcapFlow(f.flow().withIndex(numbered.size()), f.client(), f.server(),
          f.serverName()));
    }
    return numbered;
  }

  private static void tcp(TcpStream s, PcapFilter filter, DnsNames names, List<PcapFlow> out) {
    byte[] client = s.clientBytes();
    Optional<TlsClientHello> hello = TlsClientHello.parse(client);
    Optional<String> sni = hello.flatMap(TlsClientHello::sni);
    Endpoint server = s.server();
    Optional<String> note = s.notes().isEmpty() ? Optional.empty()
        : Optional.of(String.join("; ", s.notes()));
    if (filter.markTlsRefused() && sni.isPresent() && !hello.get().applicationData()) {
      String error = "client sent a ClientHello for " + sni.get()
          + " and no application data (" + s.clientByteCount() + " bytes up, "
          + s.serverByteCount() + " down)";
      out.add(flow(s, Channel.TLS_REFUSED, "", "https://" + sni.get() + ":" + server.port(),
          sni.get(), List.of(), new byte[0], Optional.of(error), sni));
      return;
    }
    if (filter.isProxy(server)) {
      return;
    }
    int[] rest = {0};
    List<HttpRequests.Request> requests = hello.isPresent() ? List.of()
        : HttpRequests.parse(client, rest);
    for (HttpRequests.Request r : requests) {
      String host = r.header("Host").orElse(server.address());
      String url = r.target().startsWith("http://") || r.target().startsWith("https://")
          ? r.target() : "http://" + host + (host.contains(":") || server.port() == 80
          ? "" : ":" + server.port()) + r.target();
      out.add(flow(s, Channel.DIRECT, r.method(), url, host.replaceFirst(":\\d+$", ""),
          r.headers(), r.body(), note, Optional.of(host)));
    }
    if (requests.isEmpty() || rest[0] < client.length) {
      Optional<String> name = sni.or(() -> names.nameOf(server.address(), s.firstSeen()));
      String host = name.orElse(server.address());
      String shown = host.contains(":") ? "[" + host + "]" : host;
      out.add(flow(s, Channel.DIRECT, "", "tcp://" + shown + ":" + server.port(), host,
          List.of(), Arrays.copyOfRange(client, rest[0], client.length), note, name));
    }
  }

  private static PcapFlow flow(TcpStream s, Channel channel, String method, String url,
      String host, List<Header> headers, byte[] body, Optional<String> error,
      Optional<String> name) {
    // what the phone sent that the capture lacks (a cap, a lost segment) was never read
    List<String> unsent = s.notes().stream().filter(n -> n.startsWith("client to server: ")).toList();
    Optional<String> incomplete = channel == Channel.TLS_REFUSED || unsent.isEmpty() ? Optional.empty()
        : Optional.of("stream read in part: " + String.join("; ", unsent));
    Flow f = new Flow(0, s.firstSeen(), channel, method, url, host, headers, body,
        Optional.empty(), error, Optional.of(ByteCount.of(s.clientByteCount(), s.serverByteCount())),
        incomplete);
    return new PcapFlow(f, s.client(), s.server(), name);
  }

  private static void udp(List<UdpDatagram> datagrams, DnsNames names, List<PcapFlow> out) {
    Map<List<Endpoint>, Conversation> conversations = new LinkedHashMap<>();
    for (UdpDatagram d : datagrams) {
      if (d.destination().port() == 53) {
        for (DnsQuery q : DnsQuery.parse(d.payload())) {
          // the name is the whole content: it stands in the url alone, so an identifier
          // hidden in it is reported once
          Flow f = new Flow(0, d.time(), Channel.DNS, "", "dns://" + q.name(), q.name(),
              List.of(), new byte[0], Optional.empty(), Optional.empty(),
              Optional.of(ByteCount.sentOnly(d.length())));
          out.add(new PcapFlow(f, d.source(), d.destination(), Optional.of(q.name())));
        }
        continue;
      }
      if (d.source().port() == 53) {
        continue;
      }
      Conversation back = conversations.get(List.of(d.destination(), d.source()));
      if (back != null) {
        back.down += d.length();
        continue;
      }
      Conversation c = conversations.computeIfAbsent(List.of(d.source(), d.destination()),
          k -> new Conversation(d));
      c.up += d.length();
      byte[] payload = d.payload();
      c.quic |= d.destination().port() == 443 && Quic.looksLike(payload);
      if (c.body.size() < MAX_UDP_BODY) {
        c.body.write(payload, 0, Math.min(payload.length, MAX_UDP_BODY - c.body.size()));
      }
    }
    for (Conversation c : conversations.values()) {
      Endpoint server = c.first.destination();
      Optional<String> name = names.nameOf(server.address(), c.first.time());
      String shown = name.map(n -> n + ":" + server.port()).orElse(server.toString());
      String host = name.orElse(server.address());
      Optional<ByteCount> bytes = Optional.of(ByteCount.of(c.up, c.down));
      Flow f = c.quic
          ? new Flow(0, c.first.time(), Channel.QUIC, "", "quic://" + shown,
              host, List.of(), new byte[0], Optional.empty(), Optional.empty(), bytes)
          : new Flow(0, c.first.time(), Channel.DIRECT, "", "udp://" + shown,
              host, List.of(), c.body.toByteArray(), Optional.empty(), Optional.empty(), bytes);
      out.add(new PcapFlow(f, c.first.source(), server, name));
    }
  }

  private static final class Conversation {
    final UdpDatagram first;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    long up;
    long down;
    boolean quic;

    Conversation(UdpDatagram first) {
      this.first = first;
    }
  }
}
