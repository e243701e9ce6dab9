package io.phonehome.device;

import io.phonehome.consent.ConsentPolicyFile;
import io.phonehome.consent.PolicyFileException;
import io.phonehome.device.DeviceSpec.Firmware;
import io.phonehome.device.DeviceSpec.Virtual;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads devices.yaml (contract in DESIGN.md). Every problem is reported with the file,
 * the line and the field, e.g. {@code devices.yaml:14: devices[1].observe: '8x' is not a
 * duration (use 8s, 5m or 1h)}.
 */
public final class InventoryParser {
  private static final Set<String> LAB_KEYS = Set.of("proxy-host", "mode", "observe", "reports", "retries",
      "parallel", "appium", "grid");
  /** More tries than this is a typo, not a lab's wish: each one re-provisions the phone. */
  private static final int MAX_RETRIES = 10;
  private static final Set<String> DEVICE_KEYS = Set.of("name", "serial", "appium", "rooted",
      "identity", "observe", "firmware", "virtual", "consent-policy", "second-identity", "identity-switch",
      "udid");
  private static final Set<String> SWITCH_PLACEHOLDERS = switchPlaceholders();
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private final Path file;
  private final List<String> warnings = new ArrayList<>();

  private static Set<String> switchPlaceholders() {
    Set<String> names = new java.util.LinkedHashSet<>(List.of("serial", "adb"));
    names.addAll(IdentityKeys.all());
    return java.util.Collections.unmodifiableSet(names);
  }

  private InventoryParser(Path file) {
    this.file = file;
  }

  public static Inventory parse(Path file) throws InventoryException {
    return new InventoryParser(file).parse();
  }

  private Inventory parse() throws InventoryException {
    Node root;
    try (Reader r = Files.newBufferedReader(file)) {
      root = new Yaml(new LoaderOptions()).compose(r);
    } catch (NoSuchFileException e) {
      throw new InventoryException(file, 0, "", "no such file (pass --devices FILE)");
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new InventoryException(file, line, "", "not valid YAML: " + e.getProblem());
    } catch (IOException e) {
      throw new InventoryException(file, 0, "", "cannot read: " + e.getMessage());
    }
    if (root == null) {
      throw new InventoryException(file, 1, "", "empty file: it needs 'lab:' and 'devices:'");
    }
    Map<String, NodeTuple> top = mapping(root, "", Set.of("lab", "devices"));
    LabConfig lab = lab(top.get("lab"));
    NodeTuple devicesNode = top.get("devices");
    if (devicesNode == null) {
      throw new InventoryException(file, line(root), "devices", "missing: list at least one device");
    }
    if (!(devicesNode.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
      throw new InventoryException(file, line(devicesNode.getValueNode()), "devices",
          "must be a non-empty list of devices");
    }
    List<DeviceSpec> devices = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node d = seq.getValue().get(i);
      DeviceSpec spec = device(d, "devices[" + i + "]", lab);
      if (!names.add(spec.name())) {
        throw new InventoryException(file, line(d), "devices[" + i + "].name",
            "'" + spec.name() + "' is used twice: device names must be unique");
      }
      devices.add(spec);
    }
    return new Inventory(file, lab, devices, warnings);
  }

  private LabConfig lab(NodeTuple labTuple) throws InventoryException {
    String proxyHost = "127.0.0.1";
    LabConfig.ProxyMode mode = LabConfig.ProxyMode.SINKHOLE;
    Duration observe = Duration.ofMinutes(5);
    Path reports = Path.of("reports");
    int retries = 0;
    int parallel = 0;
    Optional<LabConfig.Service> appium = Optional.empty();
    Optional<LabConfig.Service> grid = Optional.empty();
    if (labTuple != null) {
      Map<String, NodeTuple> lab = mapping(labTuple.getValueNode(), "lab", LAB_KEYS);
      if (lab.containsKey("proxy-host")) {
        proxyHost = scalar(lab.get("proxy-host"), "lab.proxy-host");
      }
      if (lab.containsKey("mode")) {
        String m = scalar(lab.get("mode"), "lab.mode");
        switch (m) {
          case "sinkhole" -> mode = LabConfig.ProxyMode.SINKHOLE;
          case "passthrough" -> mode = LabConfig.ProxyMode.PASSTHROUGH;
          default -> throw error(lab.get("mode"), "lab.mode",
              "'" + m + "' is not a mode (sinkhole or passthrough)");
        }
      }
      if (lab.containsKey("observe")) {
        observe = duration(lab.get("observe"), "lab.observe");
      }
      if (lab.containsKey("reports")) {
        reports = Path.of(scalar(lab.get("reports"), "lab.reports"));
      }
      if (lab.containsKey("retries")) {
        String r = scalar(lab.get("retries"), "lab.retries");
        if (!r.matches("\\d{1,2}") || Integer.parseInt(r) > MAX_RETRIES) {
          throw error(lab.get("retries"), "lab.retries", "'" + r + "' is not a number of retries (0 to "
              + MAX_RETRIES + "; a BROKEN test runs again up to this many times)");
        }
        retries = Integer.parseInt(r);
      }
      if (lab.containsKey("parallel")) {
        String n = scalar(lab.get("parallel"), "lab.parallel");
        if (!n.matches("[1-9]\\d{0,3}")) {
          throw error(lab.get("parallel"), "lab.parallel", "'" + n + "' is not a number of devices"
              + " (1 or more: how many devices are tested at once; leave it out for every device)");
        }
        parallel = Integer.parseInt(n);
      }
      if (lab.containsKey("appium")) {
        String a = scalar(lab.get("appium"), "lab.appium");
        appium = Optional.of(new LabConfig.Service(a.equals("managed") ? Optional.empty()
            : Optional.of(appiumUrl(lab.get("appium"), "lab.appium", a))));
      }
      if (lab.containsKey("grid")) {
        String g = scalar(lab.get("grid"), "lab.grid");
        grid = Optional.of(new LabConfig.Service(g.equals("managed") ? Optional.empty()
            : Optional.of(appiumUrl(lab.get("grid"), "lab.grid", g))));
      }
    }
    return new LabConfig(proxyHost, mode, observe, reports, retries, parallel, appium, grid);
  }

  private URI appiumUrl(NodeTuple at, String field, String url) throws InventoryException {
    try {
      URI uri = new URI(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new URISyntaxException(url, "not http(s)");
      }
      return uri;
    } catch (URISyntaxException e) {
      String of = field.equals("lab.grid") ? "a Selenium Grid 4 hub (e.g. http://127.0.0.1:4444)"
          : "an Appium server (e.g. http://127.0.0.1:4723)";
      throw error(at, field, "'" + url + "' is not an http(s) URL of " + of
          + (field.startsWith("lab.") ? ", nor 'managed'" : ""));
    }
  }

  private DeviceSpec device(Node node, String path, LabConfig lab) throws InventoryException {
    Map<String, NodeTuple> d = mapping(node, path, DEVICE_KEYS);
    NodeTuple nameTuple = d.get("name");
    if (nameTuple == null) {
      throw new InventoryException(file, line(node), path + ".name", "missing: every device needs a name");
    }
    String name = scalar(nameTuple, path + ".name");
    Optional<String> serial = optionalScalar(d.get("serial"), path + ".serial");
    Optional<URI> appium = d.containsKey("appium")
        ? Optional.of(appiumUrl(d.get("appium"), path + ".appium", scalar(d.get("appium"), path + ".appium")))
        : Optional.empty();
    Optional<String> udid = optionalScalar(d.get("udid"), path + ".udid");
    boolean rooted = d.containsKey("rooted") && bool(d.get("rooted"), path + ".rooted");
    Map<String, String> identity = new LinkedHashMap<>();
    List<String> contacts = new ArrayList<>();
    if (d.containsKey("identity")) {
      Map<String, NodeTuple> id = mapping(d.get("identity").getValueNode(), path + ".identity", null);
      for (Map.Entry<String, NodeTuple> e : id.entrySet()) {
        String field = path + ".identity." + e.getKey();
        if (e.getKey().equals("contacts")) {
          contacts.addAll(scalarList(e.getValue(), field));
        } else {
          identity.put(e.getKey(), identityValue(e.getKey(), e.getValue(), field, false));
        }
      }
    }
    Optional<Duration> observe = d.containsKey("observe")
        ? Optional.of(duration(d.get("observe"), path + ".observe")) : Optional.empty();
    Optional<Firmware> firmware = Optional.empty();
    if (d.containsKey("firmware")) {
      Map<String, NodeTuple> fw = mapping(d.get("firmware").getValueNode(), path + ".firmware",
          Set.of("flash", "builds"));
      Map<String, String> builds = new LinkedHashMap<>();
      if (fw.containsKey("builds")) {
        Map<String, NodeTuple> b = mapping(fw.get("builds").getValueNode(), path + ".firmware.builds", null);
        for (Map.Entry<String, NodeTuple> e : b.entrySet()) {
          String field = path + ".firmware.builds." + e.getKey();
          Path image = file.toAbsolutePath().getParent().resolve(scalar(e.getValue(), field)).normalize();
          if (!Files.isRegularFile(image)) {
            throw error(e.getValue(), field, "no firmware image at " + image + " (paths are relative to devices.yaml)");
          }
          builds.put(e.getKey(), image.toString());
        }
      }
      firmware = Optional.of(new Firmware(optionalScalar(fw.get("flash"), path + ".firmware.flash"), builds));
    }
    Optional<Virtual> virtual = Optional.empty();
    if (d.containsKey("virtual")) {
      Map<String, NodeTuple> v = mapping(d.get("virtual").getValueNode(), path + ".virtual",
          Set.of("firmware", "driver"));
      if (!v.containsKey("firmware")) {
        throw error(d.get("virtual"), path + ".virtual.firmware",
            "missing: a virtual handset needs a firmware profile (e.g. simulator/firmware/clean.yaml)");
      }
      Path profile = Path.of(scalar(v.get("firmware"), path + ".virtual.firmware"));
      Path resolved = file.toAbsolutePath().getParent().resolve(profile).normalize();
      if (!Files.isRegularFile(resolved)) {
        throw error(v.get("firmware"), path + ".virtual.firmware",
            "no firmware profile at " + resolved + " (paths are relative to devices.yaml)");
      }
      DeviceSpec.Driver driver = DeviceSpec.Driver.DIRECT;
      if (v.containsKey("driver")) {
        driver = driver(v.get("driver"), path + ".virtual.driver", resolved, lab);
      }
      virtual = Optional.of(new Virtual(resolved, driver));
      if (serial.isPresent() || appium.isPresent()) {
        throw error(d.get("virtual"), path,
            "a virtual device gets its serial and appium URL when it starts: remove them");
      }
      rooted = true;
    } else {
      if (serial.isEmpty()) {
        throw new InventoryException(file, line(node), path + ".serial",
            "missing: a phone needs its adb serial (see 'adb devices'), or use 'virtual:'");
      }
      if (appium.isEmpty() && lab.appium().isEmpty()) {
        throw new InventoryException(file, line(node), path + ".appium",
            "missing: a phone needs the URL of its Appium server (e.g. http://127.0.0.1:4723),"
                + " or lab.appium (managed, or the lab's server) for the phones without one");
      }
    }
    Optional<Path> consentPolicy = Optional.empty();
    if (d.containsKey("consent-policy")) {
      Path given = Path.of(scalar(d.get("consent-policy"), path + ".consent-policy"));
      Path resolved = file.toAbsolutePath().getParent().resolve(given).normalize();
      if (!Files.isRegularFile(resolved)) {
        throw error(d.get("consent-policy"), path + ".consent-policy",
            "no consent policy file at " + resolved + " (paths are relative to devices.yaml;"
            + " see docs/consent-policy.md)");
      }
      try {
        ConsentPolicyFile.read(resolved); // a bad policy stops the run here, not mid-suite
      } catch (PolicyFileException e) {
        throw error(d.get("consent-policy"), path + ".consent-policy", e.getMessage());
      }
      consentPolicy = Optional.of(resolved);
    }
    Map<String, String> secondIdentity = secondIdentity(d.get("second-identity"), path, identity);
    Optional<String> identitySwitch = identitySwitch(d.get("identity-switch"), path);
    if (virtual.isEmpty() && secondIdentity.isEmpty() != identitySwitch.isEmpty()) {
      NodeTuple given = secondIdentity.isEmpty() ? d.get("identity-switch") : d.get("second-identity");
      throw error(given, path + (secondIdentity.isEmpty() ? ".second-identity" : ".identity-switch"),
          secondIdentity.isEmpty()
              ? "missing: identity-switch needs the second-identity it writes (only virtual handsets get one generated)"
              : "missing: second-identity needs identity-switch, the command that writes it onto the phone");
    }
    return new DeviceSpec(name, serial, appium, rooted, identity, contacts, observe, firmware,
        virtual, consentPolicy, secondIdentity, identitySwitch, udid);
  }

  /**
   * {@code virtual.driver}: direct, or appium, which needs a lab Appium server and a
   * profile of Android 8.0 (API 26) or newer, as the UiAutomator2 driver does.
   */
  private DeviceSpec.Driver driver(NodeTuple at, String field, Path profile, LabConfig lab)
      throws InventoryException {
    String given = scalar(at, field);
    switch (given) {
      case "direct":
        return DeviceSpec.Driver.DIRECT;
      case "appium":
        break;
      default:
        throw error(at, field, "'" + given + "' is not a driver (direct: the handset's own endpoint;"
            + " appium: the lab's Appium server over adb)");
    }
    if (lab.appium().isEmpty()) {
      throw error(at, field, "appium needs lab.appium: managed (phonehome starts an Appium 3 server)"
          + " or the URL of the lab's Appium server");
    }
    AndroidRelease release = AndroidRelease.ofProfile(profile);
    if (release.api() < 26) {
      throw error(at, field, "appium needs Android 8.0 (API 26) or newer, as the UiAutomator2 driver does; "
          + profile.getFileName() + " is " + release + " (use driver: direct for it)");
    }
    return DeviceSpec.Driver.APPIUM;
  }

  /** {@code second-identity:}: known identity keys, valid values, not the same as {@code identity}. */
  private Map<String, String> secondIdentity(NodeTuple t, String path, Map<String, String> first)
      throws InventoryException {
    Map<String, String> second = new LinkedHashMap<>();
    if (t == null) {
      return second;
    }
    String field = path + ".second-identity";
    Map<String, NodeTuple> id = mapping(t.getValueNode(), field, IdentityKeys.all());
    if (id.isEmpty()) {
      throw error(t, field, "is empty: give the identity keys to switch (e.g. imei, phone-number)");
    }
    for (Map.Entry<String, NodeTuple> e : id.entrySet()) {
      second.put(e.getKey(), identityValue(e.getKey(), e.getValue(), field + "." + e.getKey(), true));
    }
    if (second.entrySet().stream().allMatch(e -> e.getValue().equals(first.get(e.getKey())))) {
      throw error(t, field, "is the same as identity: a second identity must differ in at least one value");
    }
    return second;
  }

  /**
   * One value of {@code identity:} or {@code second-identity:}. A key of {@link IdentityKeys}
   * must have that key's shape (an IMEI 15 digits, a MAC six octets, ...); other keys
   * {@code identity:} may name (serial, location, ...) are taken as written. A wrong IMEI
   * check digit stops the run in {@code second-identity:} (the harness would switch the
   * phone to it), and is a warning in {@code identity:}: that is what the phone was found
   * to hold, and the detector looks for it as written.
   */
  private String identityValue(String key, NodeTuple t, String field, boolean strictCheckDigit)
      throws InventoryException {
    String value = scalar(t, field);
    if (IdentityKeys.all().contains(key)) {
      Optional<String> shape = IdentityKeys.shapeProblem(key, value);
      if (shape.isPresent()) {
        throw error(t, field, shape.get());
      }
      Optional<String> digit = IdentityKeys.checkDigitProblem(key, value);
      if (digit.isPresent()) {
        if (strictCheckDigit) {
          throw error(t, field, digit.get());
        }
        warnings.add(error(t, field, digit.get() + " (looked for as written)").getMessage());
      }
    }
    return value;
  }

  /** {@code identity-switch:}: a command template whose placeholders are all known. */
  private Optional<String> identitySwitch(NodeTuple t, String path) throws InventoryException {
    if (t == null) {
      return Optional.empty();
    }
    String field = path + ".identity-switch";
    String template = scalar(t, field);
    for (String name : IdentitySwitch.placeholders(template)) {
      if (!SWITCH_PLACEHOLDERS.contains(name)) {
        throw error(t, field, "unknown placeholder {" + name + "} (known: "
            + String.join(", ", SWITCH_PLACEHOLDERS) + ")");
      }
    }
    if (IdentitySwitch.identityPlaceholders(template).isEmpty()) {
      throw error(t, field, "names no identity key: use placeholders such as {imei} and {phone-number}");
    }
    return Optional.of(template);
  }

  /** The keys of a mapping node; with {@code allowed}, unknown keys are rejected. */
  private Map<String, NodeTuple> mapping(Node node, String path, Set<String> allowed)
      throws InventoryException {
    if (!(node instanceof MappingNode m)) {
      throw new InventoryException(file, line(node), path.isEmpty() ? "top level" : path,
          "must be a mapping of key: value");
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw new InventoryException(file, line(t.getKeyNode()), path, "keys must be plain names");
      }
      String key = k.getValue();
      String field = path.isEmpty() ? key : path + "." + key;
      if (allowed != null && !allowed.contains(key)) {
        throw new InventoryException(file, line(k), field,
            "unknown key (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
      if (out.put(key, t) != null) {
        throw new InventoryException(file, line(k), field, "given twice");
      }
    }
    return out;
  }

  private String scalar(NodeTuple t, String field) throws InventoryException {
    if (!(t.getValueNode() instanceof ScalarNode s) || s.getValue().isEmpty()) {
      throw error(t, field, "must be a single non-empty value");
    }
    return s.getValue();
  }

  private Optional<String> optionalScalar(NodeTuple t, String field) throws InventoryException {
    return t == null ? Optional.empty() : Optional.of(scalar(t, field));
  }

  private List<String> scalarList(NodeTuple t, String field) throws InventoryException {
    if (t.getValueNode() instanceof ScalarNode) {
      return List.of(scalar(t, field));
    }
    if (!(t.getValueNode() instanceof SequenceNode seq)) {
      throw error(t, field, "must be a list of values");
    }
    List<String> out = new ArrayList<>();
    for (Node n : seq.getValue()) {
      if (!(n instanceof ScalarNode s)) {
        throw new InventoryException(file, line(n), field, "must be a list of values");
      }
      out.add(s.getValue());
    }
    return out;
  }

  private boolean bool(NodeTuple t, String field) throws InventoryException {
    String v = scalar(t, field);
    return switch (v) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw error(t, field, "'" + v + "' is not true or false");
    };
  }

  private Duration duration(NodeTuple t, String field) throws InventoryException {
    String v = scalar(t, field).trim();
    Duration d = parseDuration(v);
    if (d == null) {
      throw error(t, field, "'" + v + "' is not a duration (use 8s, 5m or 1h)");
    }
    return d;
  }

  /** {@code 500ms}, {@code 8s}, {@code 5m}, {@code 1h}; null when it is none of these. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private InventoryException error(NodeTuple t, String field, String problem) {
    return new InventoryException(file, line(t.getValueNode()), field, problem);
  }

  private static int line(Node n) {
    return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
  }
}
