package io.phonehome.report.findings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.phonehome.consent.JudgedFinding;
import io.phonehome.detect.Finding;
import java.util.Objects;

/**
 * One entry of findings.json. The contract fields come first; {@code verdict},
 * {@code reason}, {@code consent}, {@code detail}, {@code form}, {@code origin} and
 * {@code bytes} are extra fields the schema allows. {@code consented} is true only for consented uploads:
 * an unverifiable flow (tls-refused, quic, or one a limit kept from being read whole) has
 * {@code consented: false} and {@code verdict: "unverifiable"}, and does not fail a run. A
 * flow read only in part is {@code identifier: "unknown"}, {@code encoding: "unread"},
 * {@code location: "none"}, with the limit in {@code detail} and {@code reason}
 * ({@code body past the 16 MiB inflate cap (gzip)}).
 *
 * @param device device name, or null when unknown (an offline audit)
 * @param test the test that produced the flow, or null when unknown
 * @param verdict {@code consented}, {@code unconsented} or {@code unverifiable}
 * @param consent the consent state that applied, e.g. {@code secure:cloud_sync=0}
 * @param bytes payload bytes of the connection where the capture counted them (direct,
 *     tls-refused, quic, dns): {@code {"sent": 517, "received": 0}}; absent for proxied HTTP
 * @param attempt {@code try}: which try of a test retried by {@code lab.retries} saw it (its
 *     flow numbers are those of that try's capture); absent for a test that ran once
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"device", "test", "flow", "method", "host", "url", "channel", "identifier",
    "encoding", "location", "consented", "verdict", "reason", "consent", "detail", "form",
    "origin", "bytes", "try"})
public record FindingEntry(
    String device,
    String test,
    int flow,
    String method,
    String host,
    String url,
    String channel,
    String identifier,
    String encoding,
    String location,
    boolean consented,
    String verdict,
    String reason,
    String consent,
    String detail,
    String form,
    String origin,
    Bytes bytes,
    @JsonProperty("try") Integer attempt) {

  public FindingEntry {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(location, "location");
  }

  /** The entry for a judged finding of {@code device} in {@code test} (either may be null). */
  public static FindingEntry of(String device, String test, JudgedFinding judged) {
    Finding f = judged.finding();
    return new FindingEntry(device, test, f.flow(), f.method(), f.host(), f.url(),
        f.channel().wireName(), f.identifier(), f.encoding(), f.location().wireName(),
        judged.consented(), judged.verdict().consent().name().toLowerCase(java.util.Locale.ROOT),
        judged.verdict().reason(), judged.verdict().state().describe(), emptyToNull(f.detail()),
        emptyToNull(f.form()), emptyToNull(f.origin()), f.bytes().map(Bytes::of).orElse(null), null);
  }

  /** This entry, seen in try {@code n} of a retried test. */
  public FindingEntry inTry(int n) {
    return new FindingEntry(device, test, flow, method, host, url, channel, identifier, encoding,
        location, consented, verdict, reason, consent, detail, form, origin, bytes, n);
  }

  /**
   * Byte counts as findings.json writes them.
   *
   * @param received null when the capture did not see what came back
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Bytes(long sent, Long received) {
    static Bytes of(io.phonehome.capture.ByteCount count) {
      return new Bytes(count.sent(), count.received().isPresent() ? count.received().getAsLong() : null);
    }
  }

  /** Whether this entry fails a run: not consented and not merely unverifiable. */
  public boolean unconsented() {
    return !consented && !"unverifiable".equals(verdict);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
