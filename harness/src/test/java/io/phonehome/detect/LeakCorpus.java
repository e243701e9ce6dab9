package io.phonehome.detect;

import io.phonehome.capture.Channel;
import io.phonehome.capture.Flow;
import io.phonehome.capture.Header;
import io.phonehome.device.IdentityKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Generated traffic for measuring the detector: identities with valid-looking values, and
 * flows that each place one value (or a look-alike of it) under a random chain of up to
 * three transforms in one of the places a value can hide, among noise. Chains are built
 * with {@link Transforms}, never with the detector's own encoders.
 */
final class LeakCorpus {
  /** Where a case puts its value. */
  enum Where {
    PATH, QUERY, HEADER, COOKIE, FORM, MULTIPART, JSON, PROTOBUF, BODY, BODY_GZIP, BODY_DEFLATE, BODY_BR,
    BODY_GZIP_BR;

    boolean takesBytes() {
      return this == MULTIPART || this == PROTOBUF || name().startsWith("BODY");
    }
  }

  /** How a clean case changes the value so that it is not the value any more. */
  enum LookAlike { NONE, ONE_CHANGED, LONGER, PREFIXED }

  /** One generated identity: its set, and its values by identifier. */
  record Identity(IdentitySet set, Map<String, List<String>> values, Map<String, Integer> countryCodes) {}

  /**
   * One generated flow.
   *
   * @param leak whether the planted text is the value (else a look-alike: expect nothing)
   * @param detail what the finding's detail must start with
   */
  record Case(int index, String identifier, String value, String written, List<String> chain, Where where,
      LookAlike lookAlike, boolean leak, Location location, String detail, Flow flow) {
    String describe() {
      return "case " + index + ": " + (leak ? "leak of " : "look-alike (" + lookAlike + ") of ") + identifier
          + " " + value + " written " + written + ", chain " + (chain.isEmpty() ? "plain" : String.join("+", chain))
          + ", in " + where + " (" + location.wireName() + " " + detail + ")";
    }
  }

  private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "tu", "ra", "so", "vi", "de", "po", "xu", "qe"};
  private static final List<String> OUTER = List.of("url", "base64", "base64url", "base32", "hex", "HEX", "html",
      "json", "gzip", "deflate", "br");
  private static final List<String> BYTES_TO_TEXT = List.of("base64", "base64url", "base32", "hex", "HEX");

  private final Random random;

  LeakCorpus(long seed) {
    this.random = new Random(seed);
  }

  // ---- identities ----

  Identity identity() {
    Map<String, List<String>> values = new LinkedHashMap<>();
    Map<String, Integer> codes = new LinkedHashMap<>();
    values.put("imei", List.of(imei()));
    values.put("imsi", List.of(imsi()));
    String phone = phone(codes);
    values.put("phone-number", List.of(phone));
    values.put("android-id", List.of(hex(16).replaceFirst("^0", "a")));
    values.put("wifi-mac", List.of(mac()));
    values.put("contacts", List.of(phone(codes), phone(codes)));
    values.put(IdentitySet.CANARY, List.of("pH-" + hex(6)));
    IdentitySet.Builder builder = IdentitySet.builder();
    values.forEach((id, vs) -> vs.forEach(v -> builder.add(id, v, "corpus")));
    return new Identity(builder.build(), values, codes);
  }

  private String imei() {
    String body = (random.nextBoolean() ? "35" : "86") + digits(12);
    return body + IdentityKeys.luhnDigit(body);
  }

  private String imsi() {
    String[] networks = {"46692", "310260", "23415", "46000", "26201", "44010"};
    String mccMnc = networks[random.nextInt(networks.length)];
    return mccMnc + digits(15 - mccMnc.length());
  }

  private String phone(Map<String, Integer> codes) {
    String number = switch (random.nextInt(5)) {
      case 0 -> "+8869" + digits(8);
      case 1 -> "+1" + (2 + random.nextInt(8)) + digits(2) + (2 + random.nextInt(8)) + digits(6);
      case 2 -> "+447" + digits(9);
      case 3 -> "+861" + (3 + random.nextInt(7)) + digits(9);
      default -> "+4915" + digits(9);
    };
    codes.put(number, number.startsWith("+1") ? 1 : number.startsWith("+886") ? 3 : 2);
    return number;
  }

  private String mac() {
    List<String> octets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      octets.add(hex(2));
    }
    return String.join(":", octets);
  }

  // ---- cases ----

  Case next(int index, Identity identity) {
    List<String> identifiers = new ArrayList<>(identity.values().keySet());
    String identifier = identifiers.get(random.nextInt(identifiers.size()));
    List<String> vs = identity.values().get(identifier);
    String value = vs.get(random.nextInt(vs.size()));
    LookAlike lookAlike = random.nextInt(4) == 0 ? lookAlikeFor(identifier) : LookAlike.NONE;
    int countryCode = identity.countryCodes().getOrDefault(value, 0);
    String planted = lookAlike == LookAlike.NONE ? value : lookAlike(value, countryCode, lookAlike);
    List<String> chain = new ArrayList<>();
    // the national form of a number with a digit put in front can be the real number again
    String written = written(identifier, planted, lookAlike == LookAlike.PREFIXED ? -1 : countryCode, chain);
    inner(chain);
    Where where = Where.values()[random.nextInt(Where.values().length)];
    byte[] bytes = Transforms.applyAll(chain, written.getBytes(StandardCharsets.UTF_8));
    while (chain.size() < 3 && random.nextInt(3) != 0) {
      String t = outer(Transforms.BYTES_OUT.contains(last(chain)));
      chain.add(t);
      // Android's Base64.DEFAULT breaks lines at 76 characters
      bytes = t.equals("base64") && random.nextInt(4) == 0
          ? java.util.Base64.getMimeEncoder(76, new byte[] {'\n'}).encode(bytes)
          : Transforms.apply(t, bytes);
    }
    if (!fits(where, bytes)) {
      boolean text = !Transforms.BYTES_OUT.contains(last(chain));
      if (text && chain.size() < 3 && !where.takesBytes() && where != Where.JSON) {
        chain.add("url");
        bytes = Transforms.apply("url", bytes);
      }
      while (!fits(where, bytes)) {
        where = Where.values()[random.nextInt(Where.values().length)];
      }
    }
    return place(index, identifier, value, written, chain, where, lookAlike, bytes);
  }

  private static String last(List<String> chain) {
    return chain.isEmpty() ? "" : chain.get(chain.size() - 1);
  }

  private LookAlike lookAlikeFor(String identifier) {
    boolean number = identifier.equals("imei") || identifier.equals("imsi") || identifier.equals("phone-number")
        || identifier.equals("contacts") || identifier.equals("android-id");
    if (!number) {
      return LookAlike.ONE_CHANGED;
    }
    LookAlike[] kinds = {LookAlike.ONE_CHANGED, LookAlike.LONGER, LookAlike.PREFIXED};
    return kinds[random.nextInt(kinds.length)];
  }

  /** The value with one character changed, or run on into more digits (hex digits for hex values). */
  private String lookAlike(String value, int countryCode, LookAlike kind) {
    boolean hexValue = !value.matches("\\+?[0-9]+");
    // a changed country code leaves the national form, which is the same number
    int from = countryCode == 0 ? 0 : 1 + countryCode;
    String alphabet = hexValue ? "0123456789abcdef" : "0123456789";
    return switch (kind) {
      case LONGER -> value + alphabet.charAt(random.nextInt(alphabet.length()));
      case PREFIXED -> value.startsWith("+") ? "+" + (1 + random.nextInt(9)) + value.substring(1)
          : alphabet.charAt(1 + random.nextInt(alphabet.length() - 1)) + value;
      default -> {
        int at;
        do {
          at = random.nextInt(value.length());
        } while (at < from || alphabet.indexOf(Character.toLowerCase(value.charAt(at))) < 0 || (value.startsWith("pH") && at < 3));
        char was = Character.toLowerCase(value.charAt(at));
        char now;
        do {
          now = alphabet.charAt(random.nextInt(alphabet.length()));
        } while (now == was);
        yield value.substring(0, at) + now + value.substring(at + 1);
      }
    };
  }

  /** A written form of the value; a form a transform makes adds that transform to the chain. */
  private String written(String identifier, String value, int countryCode, List<String> chain) {
    if (identifier.equals("phone-number") || identifier.equals("contacts")) {
      String digits = value.replaceAll("[^0-9]", "");
      return switch (random.nextInt(4)) {
        case 0 -> {
          chain.add("digits");
          yield digits;
        }
        case 1 -> countryCode < 0 ? value : countryCode == 1 ? digits.substring(1) : "0" + digits.substring(countryCode);
        default -> value;
      };
    }
    if (identifier.equals("wifi-mac")) {
      String sep = List.of(":", "-", "").get(random.nextInt(3));
      String mac = value.replace(":", sep);
      if (random.nextBoolean()) {
        chain.add("upper");
        return mac.toUpperCase(Locale.ROOT);
      }
      return mac;
    }
    if ((identifier.equals("android-id") || identifier.equals("canary")) && random.nextInt(4) == 0) {
      chain.add(random.nextBoolean() ? "upper" : "lower");
      return chain.get(0).equals("upper") ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
    }
    return value;
  }

  /** Transforms found only forwards, applied first: digests, digests of encodings, rot13, crc32, murmur3, base58. */
  private void inner(List<String> chain) {
    int room = 3 - chain.size();
    String hash = Transforms.HASHES.get(random.nextInt(4));
    List<List<String>> options = new ArrayList<>();
    options.add(List.of());
    options.add(List.of());
    options.add(List.of());
    options.add(List.of(hash));
    options.add(List.of(hash));
    options.add(List.of(hash + "-bytes"));
    options.add(List.of(hash, "upper"));
    options.add(List.of(List.of("base64", "hex", "HEX").get(random.nextInt(3)), hash));
    options.add(List.of(Transforms.HASHES.get(random.nextInt(4)), hash));
    options.add(List.of("rot13"));
    options.add(List.of("crc32"));
    options.add(List.of("murmur3"));
    options.add(List.of("base58"));
    List<String> pick = options.get(random.nextInt(options.size()));
    if (pick.size() <= room) {
      chain.addAll(pick);
    }
  }

  private String outer(boolean afterBytes) {
    if (afterBytes) {
      return BYTES_TO_TEXT.get(random.nextInt(BYTES_TO_TEXT.size()));
    }
    return OUTER.get(random.nextInt(OUTER.size()));
  }

  /** Whether the bytes can stand in that place as they are. */
  private static boolean fits(Where where, byte[] bytes) {
    if (where.takesBytes()) {
      return true;
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    if (!text.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      return false;
    }
    return switch (where) {
      case PATH -> text.matches("[A-Za-z0-9._~!$'()*+,;=:@%-]+");
      case QUERY, FORM -> text.matches("[A-Za-z0-9._~!$'()*,;=:@/%-]+");
      case HEADER -> true;
      case COOKIE -> !text.matches(".*[;,\"\\\\].*");
      case JSON -> text.indexOf('"') < 0 && (text.indexOf('\\') < 0 || text.matches("(\\\\u[0-9a-f]{4})+"));
      default -> true;
    };
  }

  // ---- flows ----

  private Case place(int index, String identifier, String value, String written, List<String> chain, Where where,
      LookAlike lookAlike, byte[] planted) {
    String host = "api" + random.nextInt(9) + ".example-oem.com";
    String url = "https://" + host + "/v1/" + word() + "?v=" + random.nextInt(100) + "&lang=" + word();
    String plantedText = new String(planted, StandardCharsets.ISO_8859_1);
    List<Header> headers = new ArrayList<>();
    headers.add(new Header("Host", host));
    headers.add(new Header("User-Agent", "Dalvik/1.6.0 (Linux; U; Android 4.3; " + word() + ")"));
    headers.add(new Header("X-Request-Id", HexFormat.of().formatHex(Transforms.digest("md5", ascii("req" + index)))));
    byte[] body = new byte[0];
    Location location;
    String detail;
    String name = word() + random.nextInt(10);
    switch (where) {
      case PATH -> {
        url = "https://" + host + "/v1/" + word() + "/" + plantedText + "/" + word() + "?t=" + timestamp();
        location = Location.URL;
        detail = "path";
      }
      case QUERY -> {
        url += "&" + name + "=" + plantedText + "&sig=" + noiseBase64();
        location = Location.URL;
        detail = "param " + name;
      }
      case HEADER -> {
        String header = "X-" + capital(word()) + random.nextInt(10);
        headers.add(new Header(header, plantedText));
        location = Location.HEADER;
        detail = header;
      }
      case COOKIE -> {
        headers.add(new Header("Cookie", "sid=" + noiseBase64() + "; " + name + "=" + plantedText + "; lang=zh"));
        location = Location.COOKIE;
        detail = name;
      }
      case FORM -> {
        headers.add(new Header("Content-Type", "application/x-www-form-urlencoded"));
        body = ascii("v=2&ts=" + timestamp() + "&" + name + "=" + plantedText + "&tok=" + noiseBase64());
        location = Location.BODY;
        detail = "field " + name;
      }
      case MULTIPART -> {
        String boundary = "----b" + hex(12);
        headers.add(new Header("Content-Type", "multipart/form-data; boundary=" + boundary));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\n{\"ts\":" + timestamp()
            + ",\"id\":\"" + noiseBase64() + "\"}\r\n");
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"d.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n");
        out.writeBytes(planted);
        write(out, "\r\n--" + boundary + "--\r\n");
        body = out.toByteArray();
        location = Location.BODY;
        detail = "part " + name;
      }
      case JSON -> {
        headers.add(new Header("Content-Type", "application/json"));
        String k1 = word();
        String k2 = word() + "s";
        String k3 = word() + "_id";
        boolean array = random.nextBoolean();
        String inner = "{\"n\":" + random.nextInt(1000) + ",\"" + k3 + "\":\"" + plantedText + "\"}";
        String json = "{\"v\":2,\"meta\":{\"ts\":" + timestamp() + ",\"sid\":\"" + noiseBase64() + "\"},\"" + k1
            + "\":{\"" + k2 + "\":" + (array ? "[{\"x\":true}," + inner + "]" : inner) + "},\"end\":null}";
        body = ascii(json);
        location = Location.BODY;
        detail = "json $." + k1 + "." + k2 + (array ? "[1]" : "") + "." + k3;
      }
      case PROTOBUF -> {
        headers.add(new Header("Content-Type", "application/x-protobuf"));
        int f1 = 1 + random.nextInt(15);
        int f2 = 1 + random.nextInt(15);
        boolean number = chain.isEmpty() && written.matches("[1-9][0-9]{6,18}") && random.nextBoolean();
        ByteArrayOutputStream leaf = new ByteArrayOutputStream();
        protoVarint(leaf, 1, random.nextInt(1000));
        if (number) {
          protoVarint(leaf, f2, Long.parseUnsignedLong(written));
        } else {
          protoBytes(leaf, f2, planted);
        }
        protoBytes(leaf, 9, ascii(word()));
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        protoBytes(msg, 1, ascii("armani"));
        protoVarint(msg, 2, Long.parseLong(timestamp()));
        protoBytes(msg, 16 + f1, leaf.toByteArray());
        body = msg.toByteArray();
        location = Location.BODY;
        detail = "protobuf field " + (16 + f1) + "." + f2;
      }
      default -> {
        headers.add(new Header("Content-Type", random.nextBoolean() ? "text/plain" : "application/octet-stream"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean binary = !new String(planted, StandardCharsets.ISO_8859_1).chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (binary) {
          // a binary payload is the whole body, as compressed uploads are
          out.writeBytes(planted);
        } else {
          write(out, "event=boot ts=" + timestamp() + " sid=" + noiseBase64() + "\n" + name + ": ");
          out.writeBytes(planted);
          write(out, "\nend " + word() + "\n");
        }
        body = out.toByteArray();
        String coding = switch (where) {
          case BODY_GZIP -> "gzip";
          case BODY_DEFLATE -> "deflate";
          case BODY_BR -> "br";
          case BODY_GZIP_BR -> "gzip, br";
          default -> "";
        };
        if (!coding.isEmpty()) {
          headers.add(new Header("Content-Encoding", coding));
          for (String c : coding.split(", ")) {
            body = Transforms.apply(c, body);
          }
        }
        location = Location.BODY;
        detail = "body";
      }
    }
    Flow flow = new Flow(index, Instant.EPOCH, Channel.PROXY, body.length > 0 ? "POST" : "GET", url, host, headers,
        body, Optional.empty(), Optional.empty());
    return new Case(index, identifier, value, written, List.copyOf(chain), where, lookAlike,
        lookAlike == LookAlike.NONE, location, detail, flow);
  }

  private static void protoVarint(ByteArrayOutputStream out, int field, long value) {
    varint(out, (long) field << 3);
    varint(out, value);
  }

  private static void protoBytes(ByteArrayOutputStream out, int field, byte[] bytes) {
    varint(out, ((long) field << 3) | 2);
    varint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(ascii(s));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private String word() {
    StringBuilder w = new StringBuilder();
    for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
      w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    return w.toString();
  }

  private static String capital(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  private String timestamp() {
    return Long.toString(1_400_000_000L + random.nextInt(100_000_000));
  }

  /** A base64 blob of random bytes, as session tokens are. */
  private String noiseBase64() {
    byte[] b = new byte[12 + random.nextInt(24)];
    random.nextBytes(b);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private String digits(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) ('0' + random.nextInt(10)));
    }
    return s.toString();
  }

  private String hex(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append("0123456789abcdef".charAt(random.nextInt(16)));
    }
    return s.toString();
  }
}
