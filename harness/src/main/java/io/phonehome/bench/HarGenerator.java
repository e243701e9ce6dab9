package io.phonehome.bench;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a HAR of a given size, the same bytes for the same size (fixed seed): many
 * entries of app traffic (JSON and form posts, GETs with query strings, bodies that are
 * long runs of base64-looking text, gzip bodies held as base64), with the 20 benchmark
 * values planted every 25th entry, each in turn plain, url-encoded, base64, hex, as an
 * md5/sha1/sha256 digest and gzipped then base64, in a query parameter, a header, a
 * cookie, a JSON body or a form field.
 */
final class HarGenerator {
  static final List<String> ENCODINGS =
      List.of("plain", "url", "base64", "hex", "md5", "sha1", "sha256", "gzip+base64");
  private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String[] HOSTS = {"api.account.xiaomi.com", "data.mistat.xiaomi.com",
      "sdk.open.talk.xiaomi.com", "api.micloud.xiaomi.net", "ota.example.com", "cdn.example.net"};
  private static final int PLANT_EVERY = 25;

  private final Random random = new Random(20140812);
  private final char[] pool = new char[1 << 20];

  /**
   * What was written.
   *
   * @param entries entries in the file
   * @param bytes the file's size
   * @param plants values planted (one per planted entry)
   * @param identifiers the identifiers planted at least once
   */
  record Written(int entries, long bytes, int plants, Set<String> identifiers) {}

  HarGenerator() {
    for (int i = 0; i < pool.length; i++) {
      pool[i] = B64.charAt(random.nextInt(B64.length()));
    }
  }

  /** Writes at least {@code megabytes} MB (10^6 bytes) of HAR to {@code file}. */
  Written write(Path file, long megabytes) throws IOException {
    long target = megabytes * 1_000_000L;
    Set<String> identifiers = new LinkedHashSet<>();
    int plants = 0;
    long written = 0;
    int n = 0;
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
      String head = "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"phonehome bench\",\"version\":\"1\"},\"entries\":[\n";
      w.write(head);
      written += head.length();
      while (written < target) {
        String plant = null;
        String[] value = null;
        String encoding = null;
        int location = 0;
        if (n % PLANT_EVERY == PLANT_EVERY - 1) {
          int k = n / PLANT_EVERY;
          value = BenchIdentity.VALUES.get(k % BenchIdentity.VALUES.size());
          encoding = ENCODINGS.get((k / BenchIdentity.VALUES.size()) % ENCODINGS.size());
          location = k % 5;
          plant = encode(value[1], encoding);
          identifiers.add(value[0]);
          plants++;
        }
        String entry = entry(n, plant, location);
        if (n > 0) {
          w.write(",\n");
          written += 2;
        }
        w.write(entry);
        written += entry.length();
        n++;
      }
      w.write("\n]}}\n");
    }
    return new Written(n, Files.size(file), plants, identifiers);
  }

  private String entry(int n, String plant, int location) {
    String host = HOSTS[n % HOSTS.length];
    StringBuilder query = new StringBuilder("?v=5&t=" + (1407810930L + n));
    StringBuilder headers = new StringBuilder(header("Host", host)).append(',')
        .append(header("User-Agent", "Dalvik/1.6.0 (Linux; U; Android 4.3; MI 3W MIUI/V5)"));
    String cookie = "sid=" + blob(24) + "; lang=zh_TW";
    String contentType;
    String body;
    boolean gzipBody = false;
    if (plant != null && location == 0) {
      query.append("&d=").append(URLEncoder.encode(plant, StandardCharsets.UTF_8));
    } else if (plant != null && location == 1) {
      headers.append(',').append(header("X-Device", plant));
    } else if (plant != null && location == 2) {
      cookie += "; d=" + plant;
    }
    int kind = random.nextInt(10);
    if (plant != null && location == 4) {
      contentType = "application/x-www-form-urlencoded";
      body = "a=" + blob(40) + "&d=" + URLEncoder.encode(plant, StandardCharsets.UTF_8) + "&sig=" + blob(64);
    } else if (kind < 4) {
      // a backup or telemetry upload: one long base64-looking run
      contentType = "application/json";
      body = "{\"blob\":\"" + blob(16_384 + random.nextInt(240_000)) + "\",\"n\":" + n
          + (plant != null && location == 3 ? ",\"d\":\"" + plant + "\"" : "") + "}";
    } else if (kind < 5) {
      contentType = "application/json";
      gzipBody = true;
      body = "{\"events\":[" + "{\"e\":\"screen\",\"id\":\"" + blob(32) + "\"},".repeat(20) + "{}]"
          + (plant != null && location == 3 ? ",\"d\":\"" + plant + "\"" : "") + "}";
    } else {
      contentType = "application/json";
      body = "{\"app\":\"com.miui.cloudservice\",\"ver\":\"5.1." + n % 97 + "\",\"token\":\"" + blob(172)
          + "\",\"model\":\"MI 3W\"" + (plant != null && location == 3 ? ",\"d\":\"" + plant + "\"" : "") + "}";
    }
    headers.append(',').append(header("Cookie", cookie));
    headers.append(',').append(header("Content-Type", contentType));
    String postData;
    if (gzipBody) {
      headers.append(',').append(header("Content-Encoding", "gzip"));
      postData = "{\"mimeType\":\"" + contentType + "\",\"text\":\""
          + Base64.getEncoder().encodeToString(gzip(body.getBytes(StandardCharsets.UTF_8))) + "\",\"encoding\":\"base64\"}";
    } else {
      postData = "{\"mimeType\":\"" + contentType + "\",\"text\":\"" + json(body) + "\"}";
    }
    String url = "https://" + host + "/v" + (n % 4 + 1) + "/" + (n % 3 == 0 ? "report" : "sync") + query;
    return "{\"startedDateTime\":\"2014-08-12T02:15:" + String.format("%02d", n % 60) + ".000Z\",\"time\":12,"
        + "\"request\":{\"method\":\"POST\",\"url\":\"" + json(url) + "\",\"httpVersion\":\"HTTP/1.1\","
        + "\"headers\":[" + headers + "],\"cookies\":[],\"queryString\":[],\"headersSize\":-1,\"bodySize\":"
        + body.length() + ",\"postData\":" + postData + "},"
        + "\"response\":{\"status\":200,\"statusText\":\"OK\",\"httpVersion\":\"HTTP/1.1\",\"headers\":[],"
        + "\"cookies\":[],\"content\":{\"size\":2,\"mimeType\":\"text/plain\",\"text\":\"ok\"},\"redirectURL\":\"\","
        + "\"headersSize\":-1,\"bodySize\":2},\"cache\":{},\"timings\":{\"send\":0,\"wait\":10,\"receive\":1}}";
  }

  private String blob(int length) {
    int from = length < pool.length ? random.nextInt(pool.length - length) : 0;
    if (length <= pool.length - from) {
      return new String(pool, from, length);
    }
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      out.append(pool, 0, Math.min(pool.length, length - out.length()));
    }
    return out.toString();
  }

  private static String header(String name, String value) {
    return "{\"name\":\"" + json(name) + "\",\"value\":\"" + json(value) + "\"}";
  }

  static String encode(String value, String encoding) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return switch (encoding) {
      case "plain" -> value;
      case "url" -> URLEncoder.encode(value, StandardCharsets.UTF_8);
      case "base64" -> Base64.getEncoder().encodeToString(bytes);
      case "hex" -> HexFormat.of().formatHex(bytes);
      case "md5" -> digest("MD5", bytes);
      case "sha1" -> digest("SHA-1", bytes);
      case "sha256" -> digest("SHA-256", bytes);
      case "gzip+base64" -> Base64.getEncoder().encodeToString(gzip(bytes));
      default -> throw new IllegalArgumentException("unknown encoding " + encoding);
    };
  }

  private static String digest(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm, e);
    }
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String json(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(c == '"' ? "\\\"" : c == '\\' ? "\\\\" : String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
