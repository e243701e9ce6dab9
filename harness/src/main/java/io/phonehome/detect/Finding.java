package io.phonehome.detect;

import io.phonehome.capture.ByteCount;
import io.phonehome.capture.Channel;
import io.phonehome.capture.Flow;
import io.phonehome.capture.FlowId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One identifier seen in one flow, or one flow whose content the channel hid, or one flow
 * a limit kept from being read whole.
 *
 * @param flow the flow's index in the capture its channel names ({@link #flowId()})
 * @param time when the flow was seen; a consent policy judges it under the consent state
 *     the phone had then
 * @param method HTTP method, empty where the channel hides it
 * @param host the host the flow went to
 * @param url the flow's URL
 * @param channel how the flow left the phone
 * @param identifier the identity key found ({@code imei}, {@code canary}, ...), or
 *     {@link #UNKNOWN} for a flow whose content is hidden
 * @param encoding the transform chain, outermost last, joined with {@code +}, named as
 *     firmware profiles name transforms ({@code plain}, {@code md5}, {@code upper+md5},
 *     {@code md5+upper}, {@code gzip+base64}, {@code br+base64}); beyond the profile's
 *     names, {@code md5-bytes} is a raw digest (not its hex text) and {@code varint} a
 *     number in a protobuf numeric field; {@link #OPAQUE} where hidden, {@link #UNREAD}
 *     where a limit left part of the flow unread
 * @param location url, header, cookie, body, or none where hidden or unread
 * @param detail which part: {@code host}, {@code path}, {@code param n}, a header or
 *     cookie name, {@code field n} of a form body, {@code part n} of a multipart body
 *     ({@code part n headers} for its header lines), {@code grpc message n}, {@code body}; inside JSON or
 *     protobuf, followed by (or, for a whole body, replaced by) the place in it:
 *     {@code json $.device.imei}, {@code protobuf field 1.3}; where hidden or unread, why
 *     ({@code body past the 16 MiB inflate cap (gzip)})
 * @param form which written form of the value matched: {@code as-given}, {@code e164},
 *     {@code digits}, {@code national}, {@code subscriber}, {@code mac-colon},
 *     {@code mac-dash}, {@code mac-bare}; empty where hidden. Case changes are
 *     transforms, so they are in {@code encoding}
 * @param origin where the lab learned the value ({@code devices.yaml}, {@code identity
 *     file}, {@code phone}); empty where hidden
 * @param bytes payload bytes each way of the connection that carried it, where the capture
 *     counted them (sockets around the proxy, refused TLS, QUIC); empty for proxied HTTP
 */
public record Finding(
    int flow,
    Instant time,
    String method,
    String host,
    String url,
    Channel channel,
    String identifier,
    String encoding,
    Location location,
    String detail,
    String form,
    String origin,
    Optional<ByteCount> bytes) {

  /** The identifier of a flow whose content the channel hides. */
  public static final String UNKNOWN = "unknown";

  /** The encoding of a flow whose content the channel hides. */
  public static final String OPAQUE = "opaque";

  /** The encoding of a flow a limit kept the detector (or the capture) from reading whole. */
  public static final String UNREAD = "unread";

  public Finding {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(bytes, "bytes");
    if (flow < 0) {
      throw new IllegalArgumentException("flow index must be >= 0, was " + flow);
    }
  }

  /** A finding without byte counts (proxied HTTP, or a capture that did not count them). */
  public Finding(int flow, Instant time, String method, String host, String url, Channel channel,
      String identifier, String encoding, Location location, String detail, String form,
      String origin) {
    this(flow, time, method, host, url, channel, identifier, encoding, location, detail, form,
        origin, Optional.empty());
  }

  /**
   * The finding for a flow whose content the channel hides (TLS the phone refused to
   * open with the lab CA, QUIC): identifier {@code unknown}, encoding {@code opaque},
   * location {@code none}. It says "something went here and could not be read".
   */
  public static Finding hidden(Flow flow) {
    String why = flow.channel() == Channel.TLS_REFUSED
        ? "TLS refused with the lab CA" + flow.error().map(e -> ": " + e).orElse("")
        : flow.channel().wireName() + " content is not visible to the proxy";
    return new Finding(flow.index(), flow.time(), flow.method(), flow.host(), flow.url(),
        flow.channel(), UNKNOWN, OPAQUE, Location.NONE, why, "", "", flow.bytes());
  }

  /**
   * The finding for a flow that a limit kept from being read whole: a body past the
   * inflate cap, a flow past the per-flow search budget, an upload the capture holds only
   * part of. Identifier {@code unknown}, encoding {@code unread}, location {@code none},
   * and {@code why} names the limit ({@code body past the 16 MiB inflate cap (gzip)}).
   * It says "what lies past the limit could carry anything": never clean, never proof.
   */
  public static Finding unread(Flow flow, String why) {
    Objects.requireNonNull(why, "why");
    return new Finding(flow.index(), flow.time(), flow.method(), flow.host(), flow.url(),
        flow.channel(), UNKNOWN, UNREAD, Location.NONE, why, "", "", flow.bytes());
  }

  /** The flow this finding is about; compare it with {@link Flow#id()}, never the index alone. */
  public FlowId flowId() {
    return FlowId.of(channel, flow);
  }

  /**
   * True for a finding that stands for content the lab could not read rather than a
   * found identifier: hidden by its channel, or left {@linkplain #isUnread() unread} by a limit.
   */
  public boolean isHidden() {
    return location == Location.NONE;
  }

  /** True for a flow a limit kept from being read whole ({@link #unread}); its detail names the limit. */
  public boolean isUnread() {
    return isHidden() && encoding.equals(UNREAD);
  }
}
