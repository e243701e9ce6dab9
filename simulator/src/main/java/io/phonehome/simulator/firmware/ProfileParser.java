package io.phonehome.simulator.firmware;

import io.phonehome.simulator.state.Settings;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads firmware profiles (the "Firmware profile" contract in DESIGN.md). Every problem
 * is reported as one {@link ProfileException} naming the file and line:
 * {@code leaky.yaml:14: unknown transform 'b64' in {imei|b64} (url, base64, ...)}.
 *
 * <pre>
 * FirmwareProfile p = ProfileParser.parse(Path.of("simulator/firmware/leaky-2014-08.yaml"));
 * </pre>
 */
public final class ProfileParser {
  private static final List<String> TOP_KEYS = List.of("build", "settings", "privacy-switches", "services",
      "messaging");
  private static final List<String> MESSAGING_KEYS = List.of("sms-over-data-when");
  private static final List<String> BUILD_KEYS = List.of("display-id", "fingerprint");
  private static final List<String> SERVICE_KEYS = List.of(
      "name", "on", "when", "method", "url", "route", "tls", "headers", "body", "content-encoding",
      "upload-rate");
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  private static final Pattern FINGERPRINT = Pattern.compile("[^/\\s]+/[^/\\s]+/[^/:\\s]+:[^/\\s]+/\\S+");
  private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?(/\\S*)?");
  private static final Pattern RAW_URL = Pattern.compile("(tcp|udp)://[A-Za-z0-9.\\-]+:(\\d{1,5})");
  private static final Pattern DNS_URL = Pattern.compile("dns://(\\{[^{}\\s]+\\}|[A-Za-z0-9_\\-.])+");
  private static final List<String> HTTP_ONLY_KEYS = List.of("method", "tls", "headers", "content-encoding",
      "upload-rate");
  private static final Pattern UPLOAD_RATE = Pattern.compile("(\\d{1,12})(KiB|MiB)?");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~\\-]+");
  private static final Set<String> MANAGED_HEADERS = Set.of("host", "content-length", "content-encoding",
      "connection", "transfer-encoding");

  private final Path file;

  private ProfileParser(Path file) {
    this.file = file;
  }

  /** Reads and checks a profile file. */
  public static FirmwareProfile parse(Path file) throws IOException, ProfileException {
    return parse(file, Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Checks profile text; {@code file} names it in errors. */
  public static FirmwareProfile parse(Path file, String text) throws ProfileException {
    return new ProfileParser(file).read(text);
  }

  private FirmwareProfile read(String text) throws ProfileException {
    Node root;
    try (Reader r = new StringReader(text)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(r);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() == null ? "cannot be read" : e.getProblem();
      throw new ProfileException(file, m == null ? 1 : m.getLine() + 1,
          "not a YAML profile: " + problem + " (a mapping of " + String.join(", ", TOP_KEYS) + ")");
    } catch (YAMLException | IOException e) {
      throw new ProfileException(file, 1, "not a YAML profile: " + e.getMessage());
    }
    if (root == null) {
      throw new ProfileException(file, 1, "empty profile (needs " + String.join(", ", TOP_KEYS) + ")");
    }
    Map<String, NodeTuple> top = mapping(root, "a profile", TOP_KEYS);
    if (!top.containsKey("build")) {
      throw error(root, "missing build (a mapping with display-id and fingerprint)");
    }
    FirmwareProfile.Build build = build(top.get("build").getValueNode());
    Map<String, String> settings = new LinkedHashMap<>();
    if (top.containsKey("settings")) {
      for (Map.Entry<String, NodeTuple> e : mapping(top.get("settings").getValueNode(), "settings", null).entrySet()) {
        settingName(e.getValue().getKeyNode(), e.getKey());
        settings.put(e.getKey(), scalar(e.getValue().getValueNode(), "the value of " + e.getKey()));
      }
    }
    Map<String, String> switches = new LinkedHashMap<>();
    if (top.containsKey("privacy-switches")) {
      for (Map.Entry<String, NodeTuple> e
          : mapping(top.get("privacy-switches").getValueNode(), "privacy-switches", null).entrySet()) {
        Node v = e.getValue().getValueNode();
        String setting = scalar(v, "the setting of switch '" + e.getKey() + "'");
        settingName(v, setting);
        switches.put(e.getKey(), setting);
      }
    }
    List<Service> services = new java.util.ArrayList<>();
    if (top.containsKey("services")) {
      Node list = top.get("services").getValueNode();
      if (isNull(list)) {
        // an empty services: key is a firmware that uploads nothing
      } else if (!(list instanceof SequenceNode seq)) {
        throw error(list, "services must be a list of services (- name: ..., on: ..., url: ...)");
      } else {
        Map<String, Integer> seen = new HashMap<>();
        for (Node n : seq.getValue()) {
          Service s = service(n, build);
          Integer first = seen.putIfAbsent(s.name(), s.line());
          if (first != null) {
            throw new ProfileException(file, s.line(),
                "duplicate service name '" + s.name() + "' (first at line " + first + "; names must be unique)");
          }
          services.add(s);
        }
      }
    }
    FirmwareProfile.Messaging messaging = FirmwareProfile.Messaging.CARRIER_ONLY;
    if (top.containsKey("messaging")) {
      Map<String, NodeTuple> m = mapping(top.get("messaging").getValueNode(), "messaging", MESSAGING_KEYS);
      if (m.containsKey("sms-over-data-when")) {
        messaging = new FirmwareProfile.Messaging(parsed(value(m, "sms-over-data-when"), Condition::parse));
      }
    }
    return new FirmwareProfile(file, build, settings, switches, services, messaging);
  }

  private FirmwareProfile.Build build(Node node) throws ProfileException {
    Map<String, NodeTuple> b = mapping(node, "build", BUILD_KEYS);
    if (!b.containsKey("display-id") || !b.containsKey("fingerprint")) {
      throw error(node, "build needs display-id and fingerprint");
    }
    Node fpNode = b.get("fingerprint").getValueNode();
    String fp = scalar(fpNode, "fingerprint");
    if (!FINGERPRINT.matcher(fp).matches()) {
      throw error(fpNode, "bad fingerprint '" + fp
          + "' (brand/product/device:release/id/incremental:type/tags)");
    }
    return new FirmwareProfile.Build(scalar(b.get("display-id").getValueNode(), "display-id"), fp);
  }

  private Service service(Node node, FirmwareProfile.Build build) throws ProfileException {
    Map<String, NodeTuple> s = mapping(node, "a service", SERVICE_KEYS);
    if (!s.containsKey("name")) {
      throw error(node, "service without name (every service needs name, on and url)");
    }
    String name = scalar(value(s, "name"), "name");
    String what = "service '" + name + "'";
    if (!s.containsKey("on")) {
      throw error(node, what + " has no on (" + Trigger.ALLOWED + ")");
    }
    if (!s.containsKey("url")) {
      throw error(node, what + " has no url (http://, https://, tcp://, udp:// or dns://)");
    }
    Trigger trigger = parsed(value(s, "on"), Trigger::parse);
    Condition when = s.containsKey("when") ? parsed(value(s, "when"), Condition::parse) : null;
    Template body = s.containsKey("body") ? template(value(s, "body")) : null;
    String method = body == null ? "GET" : "POST";
    if (s.containsKey("method")) {
      method = scalar(value(s, "method"), "method");
      if (!METHODS.contains(method)) {
        throw error(value(s, "method"), "bad method '" + method + "' (" + String.join(", ", METHODS) + ")");
      }
    }
    Node urlNode = value(s, "url");
    String url = scalar(urlNode, "url");
    String scheme = url.contains("://") ? url.substring(0, url.indexOf("://")) : "";
    if (List.of("tcp", "udp", "dns").contains(scheme)) {
      return rawService(s, node, name, trigger, when, body, urlNode, url, scheme);
    }
    if (!URL.matcher(url).matches()) {
      throw error(urlNode, "bad url '" + url
          + "' (http:// or https:// with a literal host name, placeholders only in the path and query)");
    }
    Template urlTemplate = template(urlNode);
    Route route = Route.PROXY;
    if (s.containsKey("route")) {
      String r = scalar(value(s, "route"), "route");
      route = Route.of(r).orElseThrow(() -> error(value(s, "route"), "bad route '" + r + "' (proxy or direct)"));
    }
    TlsTrust tls = TlsTrust.TRUSTS_USER_CA;
    if (s.containsKey("tls")) {
      String t = scalar(value(s, "tls"), "tls");
      tls = TlsTrust.of(t).orElseThrow(() ->
          error(value(s, "tls"), "bad tls '" + t + "' (trusts-user-ca, trusts-system-ca or pinned)"));
    }
    ContentEncoding encoding = ContentEncoding.IDENTITY;
    if (s.containsKey("content-encoding")) {
      String c = scalar(value(s, "content-encoding"), "content-encoding");
      encoding = ContentEncoding.of(c).orElseThrow(() ->
          error(value(s, "content-encoding"), "bad content-encoding '" + c + "' (identity, gzip or deflate)"));
    }
    long uploadRate = s.containsKey("upload-rate") ? uploadRate(value(s, "upload-rate")) : 0;
    Map<String, Template> headers = new LinkedHashMap<>();
    if (s.containsKey("headers")) {
      for (Map.Entry<String, NodeTuple> h : mapping(value(s, "headers"), "headers", null).entrySet()) {
        if (!HEADER_NAME.matcher(h.getKey()).matches()) {
          throw error(h.getValue().getKeyNode(), "bad header name '" + h.getKey() + "' (an HTTP token)");
        }
        if (MANAGED_HEADERS.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
          throw error(h.getValue().getKeyNode(), "header '" + h.getKey()
              + "' is set by the handset (use content-encoding for Content-Encoding)");
        }
        headers.put(h.getKey(), template(h.getValue().getValueNode()));
      }
    }
    return new Service(name, line(node), trigger, when, method, urlTemplate, route, tls, headers, body, encoding,
        uploadRate);
  }

  /**
   * A service on its own socket: {@code tcp://HOST:PORT} and {@code udp://HOST:PORT} send
   * the body as it is; {@code dns://NAME} only looks the name up (placeholders allowed in
   * it). They never use the proxy, and HTTP's keys mean nothing to them.
   */
  private Service rawService(Map<String, NodeTuple> s, Node node, String name, Trigger trigger, Condition when,
      Template body, Node urlNode, String url, String scheme) throws ProfileException {
    String what = "service '" + name + "'";
    if (scheme.equals("dns")) {
      if (!DNS_URL.matcher(url).matches()) {
        throw error(urlNode, "bad url '" + url
            + "' (dns://NAME: letters, digits, '-', '_', '.' and placeholders, no port or path)");
      }
      if (body != null) {
        throw error(value(s, "body"), what + ": a dns:// service has no body (put the data in the name)");
      }
    } else {
      java.util.regex.Matcher m = RAW_URL.matcher(url);
      if (!m.matches()) {
        throw error(urlNode, "bad url '" + url + "' (" + scheme
            + "://HOST:PORT with a literal host name or IPv4 address, a port, no path)");
      }
      int port = Integer.parseInt(m.group(2));
      if (port < 1 || port > 65535) {
        throw error(urlNode, "bad port " + port + " in '" + url + "' (1 to 65535)");
      }
    }
    if (s.containsKey("route")) {
      String r = scalar(value(s, "route"), "route");
      if (!r.equals(Route.DIRECT.word())) {
        throw error(value(s, "route"), what + ": a " + scheme + ":// service opens its own socket, route must be direct");
      }
    }
    for (String key : HTTP_ONLY_KEYS) {
      if (s.containsKey(key)) {
        throw error(s.get(key).getKeyNode(), what + ": " + key + " is for http(s) services, not " + scheme + "://");
      }
    }
    return new Service(name, line(node), trigger, when, "", template(urlNode), Route.DIRECT, TlsTrust.TRUSTS_USER_CA,
        Map.of(), body, ContentEncoding.IDENTITY, 0);
  }

  /** {@code upload-rate}: a positive whole number of bytes per second, optionally in KiB or MiB (1024-based). */
  private long uploadRate(Node node) throws ProfileException {
    String text = scalar(node, "upload-rate");
    java.util.regex.Matcher m = UPLOAD_RATE.matcher(text);
    long rate = 0;
    if (m.matches()) {
      long unit = m.group(2) == null ? 1 : m.group(2).equals("KiB") ? 1024 : 1024 * 1024;
      rate = Long.parseLong(m.group(1)) * unit;
    }
    if (rate <= 0) {
      throw error(node, "bad upload-rate '" + text + "' (bytes per second: 40, 64KiB, 2MiB)");
    }
    return rate;
  }

  private interface Parse<T> {
    T apply(String text);
  }

  private <T> T parsed(Node node, Parse<T> parse) throws ProfileException {
    String text = scalar(node, "a value");
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw error(node, e.getMessage());
    }
  }

  private Template template(Node node) throws ProfileException {
    String text = scalar(node, "a template");
    try {
      return Template.parse(text);
    } catch (Template.TemplateException e) {
      int line = line(node);
      ScalarNode sn = (ScalarNode) node;
      if (sn.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL) {
        line += 1 + (int) text.substring(0, e.offset()).chars().filter(c -> c == '\n').count();
      }
      throw new ProfileException(file, line, e.getMessage());
    }
  }

  private void settingName(Node node, String name) throws ProfileException {
    try {
      Settings.split(name);
    } catch (IllegalArgumentException e) {
      throw error(node, "bad setting name: " + e.getMessage());
    }
  }

  private static Node value(Map<String, NodeTuple> map, String key) {
    return map.get(key).getValueNode();
  }

  /** A mapping's entries by key, rejecting duplicates and, when {@code allowed} is given, unknown keys. */
  private Map<String, NodeTuple> mapping(Node node, String what, List<String> allowed) throws ProfileException {
    if (isNull(node)) {
      return Map.of();
    }
    if (!(node instanceof MappingNode m)) {
      throw error(node, what + " must be a mapping of key: value");
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = scalar(t.getKeyNode(), "a key");
      if (allowed != null && !allowed.contains(key)) {
        String where = what.equals("a profile") ? "top-level key" : "key in " + what;
        throw error(t.getKeyNode(), "unknown " + where + " '" + key + "' (" + String.join(", ", allowed) + ")");
      }
      if (out.put(key, t) != null) {
        throw error(t.getKeyNode(), "duplicate key '" + key + "' in " + what);
      }
    }
    return out;
  }

  private String scalar(Node node, String what) throws ProfileException {
    if (!(node instanceof ScalarNode s) || isNull(node)) {
      throw error(node, what + " must be a single value");
    }
    return s.getValue();
  }

  private static boolean isNull(Node node) {
    return node == null || Tag.NULL.equals(node.getTag());
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
  }

  private ProfileException error(Node node, String message) {
    return new ProfileException(file, line(node), message);
  }
}
