package io.phonehome.detect;

import io.phonehome.capture.Channel;
import io.phonehome.capture.Flow;
import io.phonehome.capture.Header;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Builds flows for unit tests: {@code Flows.post(url, body).header(...).build()}. */
public final class Flows {
  private Flows() {}

  public static Builder get(String url) {
    return new Builder("GET", url);
  }

  public static Builder post(String url, String body) {
    return new Builder("POST", url).body(body.getBytes(StandardCharsets.UTF_8));
  }

  public static Builder post(String url, byte[] body) {
    return new Builder("POST", url).body(body);
  }

  public static Builder postForm(String url, String body) {
    return post(url, body).header("Content-Type", "application/x-www-form-urlencoded");
  }

  /** A flow whose TLS the phone refused to open with the lab CA. */
  public static Flow tlsRefused(int index, String host) {
    return new Flow(index, Instant.EPOCH, Channel.TLS_REFUSED, "", "https://" + host + ":443",
        host, List.of(), new byte[0], Optional.empty(),
        Optional.of("client refused the certificate"));
  }

  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] gzip(String text) {
    return gzip(text.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] deflate(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String base64(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }

  public static String base64(String text) {
    return base64(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A flow under construction. */
  public static final class Builder {
    private final String method;
    private final String url;
    private final List<Header> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private int index;
    private Channel channel = Channel.PROXY;
    private Instant time = Instant.EPOCH;
    private Optional<String> incomplete = Optional.empty();

    private Builder(String method, String url) {
      this.method = method;
      this.url = url;
    }

    public Builder header(String name, String value) {
      headers.add(new Header(name, value));
      return this;
    }

    public Builder body(byte[] bytes) {
      this.body = bytes.clone();
      return this;
    }

    public Builder index(int index) {
      this.index = index;
      return this;
    }

    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    public Builder channel(Channel channel) {
      this.channel = channel;
      return this;
    }

    /** The body did not arrive whole, for this reason. */
    public Builder incomplete(String why) {
      this.incomplete = Optional.of(why);
      return this;
    }

    public Flow build() {
      String host = URI.create(url).getHost();
      List<Header> all = new ArrayList<>();
      all.add(new Header("Host", host));
      all.addAll(headers);
      return new Flow(index, time, channel, method, url, host, all, body,
          Optional.empty(), Optional.empty(), Optional.empty(), incomplete);
    }
  }
}
