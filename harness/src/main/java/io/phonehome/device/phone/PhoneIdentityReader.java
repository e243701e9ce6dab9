package io.phonehome.device.phone;

import io.phonehome.detect.IdentitySet;
import io.phonehome.device.phone.SubInfoTable.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a phone's identity over adb: IMEI, IMSI, ICCID and phone number through
 * {@code service call iphonesubinfo} (IMEI falling back to {@code dumpsys iphonesubinfo}),
 * carrier and SIM state from system properties, Android ID from settings, serial, Wi-Fi
 * MAC and the contacts' numbers. A value the phone cannot tell (no SIM, no permission,
 * {@code null}) becomes a note, never an error; a disconnected phone still throws whatever
 * the shell throws.
 *
 * <pre>{@code
 * PhoneIdentity read = new PhoneIdentityReader(device::shell).read();
 * read.notes().forEach(System.out::println);   // imsi: the phone did not tell (no SIM)
 * }</pre>
 */
public final class PhoneIdentityReader {
  /** The origin of every value read from the phone. */
  public static final String ORIGIN = "phone";

  /** Runs one adb shell command and returns what it printed; {@code AndroidDevice::shell}. */
  @FunctionalInterface
  public interface Shell {
    String shell(String command);
  }

  static final String CONTACTS_QUERY = "content query --uri content://com.android.contacts/data/phones";

  /** When the SDK level is unknown, assume the 2014 phones this lab was built for. */
  private static final int ASSUMED_SDK = 18;

  private static final Map<String, Pattern> SHAPES = Map.of(
      "imei", Pattern.compile("[0-9]{14,16}|[0-9A-Fa-f]{14}"),
      "imsi", Pattern.compile("[0-9]{6,15}"),
      "iccid", Pattern.compile("[0-9]{18,22}[Ff]?"),
      "phone-number", Pattern.compile("\\+?[0-9][0-9 ()\\-.]{2,24}"),
      "wifi-mac", Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}"));

  private static final List<String> REFUSALS = List.of("permission denied", "no such file",
      "not found", "exception", "error", "does not exist", "inaccessible", "unknown command");

  private final Shell shell;

  public PhoneIdentityReader(Shell shell) {
    this.shell = Objects.requireNonNull(shell, "shell");
  }

  /** Asks the phone for every identifier; never fails for a value the phone keeps to itself. */
  public PhoneIdentity read() {
    Reading r = new Reading();
    String simState = shell("getprop gsm.sim.state").strip();
    boolean noSim = new PhoneIdentity(IdentitySet.empty(), List.of(), simState).simAbsent();
    Optional<SubInfoTable> table = table(r);

    readImei(r, table);
    for (Field field : List.of(Field.IMSI, Field.ICCID, Field.PHONE_NUMBER)) {
      readSubInfo(r, table, field, noSim);
    }
    readCarrier(r, noSim);
    readSimple(r, "android-id", "settings get secure android_id");
    readSimple(r, "serial", "getprop ro.serialno");
    readWifiMac(r);
    readContacts(r);
    return new PhoneIdentity(r.values.build(), r.notes, simState);
  }

  private Optional<SubInfoTable> table(Reading r) {
    String raw = shell("getprop ro.build.version.sdk").strip();
    int sdk;
    try {
      sdk = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      r.note("sdk", "'" + raw + "'; asking with the Android 4.x transaction codes");
      sdk = ASSUMED_SDK;
    }
    Optional<SubInfoTable> table = SubInfoTable.forSdk(sdk);
    if (table.isEmpty()) {
      r.notes.add("iphonesubinfo: no verified transaction codes for SDK " + sdk
          + "; imei, imsi, iccid and phone-number are not asked");
    }
    return table;
  }

  private void readImei(Reading r, Optional<SubInfoTable> table) {
    String why = "no transaction table";
    if (table.isPresent()) {
      Answer answer = subInfo(table.get(), Field.IMEI);
      if (answer.value != null) {
        r.add("imei", answer.value);
        return;
      }
      why = answer.problem;
    }
    Optional<String> dumped = SubInfoDump.parse(shell("dumpsys iphonesubinfo"));
    Optional<String> problem = dumped.flatMap(v -> shapeProblem("imei", v));
    if (dumped.isPresent() && problem.isEmpty()) {
      r.add("imei", dumped.get());
    } else {
      r.note("imei", why + "; dumpsys iphonesubinfo: " + problem.orElse("no Device ID"));
    }
  }

  private void readSubInfo(Reading r, Optional<SubInfoTable> table, Field field, boolean noSim) {
    if (table.isEmpty()) {
      return;
    }
    Answer answer = subInfo(table.get(), field);
    if (answer.value != null) {
      r.add(field.identifier(), answer.value);
    } else if (noSim) {
      r.note(field.identifier(), "no SIM");
    } else {
      r.note(field.identifier(), answer.problem);
    }
  }

  private Answer subInfo(SubInfoTable table, Field field) {
    String command = table.command(field);
    String output = shell(command);
    Optional<String> value = ParcelString.parse(output).map(String::strip);
    if (value.isEmpty()) {
      return Answer.problem(command + " answered " + ParcelString.whyEmpty(output).orElse("nothing"));
    }
    String v = value.get();
    if (v.isEmpty() || "null".equalsIgnoreCase(v)) {
      return Answer.problem(command + " answered an empty string");
    }
    if (field == Field.IMEI && v.chars().allMatch(c -> c == '0')) {
      return Answer.problem(command + " answered all zeros (no radio)");
    }
    Optional<String> problem = shapeProblem(field.identifier(), v);
    if (problem.isPresent()) {
      return Answer.problem(command + " " + problem.get() + " (transaction codes of "
          + table.name() + " wrong for this build?)");
    }
    return new Answer(v, null);
  }

  private static Optional<String> shapeProblem(String identifier, String value) {
    Pattern shape = SHAPES.get(identifier);
    if (shape == null || shape.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of("answered '" + abbreviate(value) + "', not an " + identifier);
  }

  private void readCarrier(Reading r, boolean noSim) {
    String raw = shell("getprop gsm.sim.operator.alpha");
    List<String> names = new ArrayList<>();
    for (String part : raw.strip().split(",")) {
      if (!part.isBlank() && told(part).isPresent()) {
        names.add(part.strip());
      }
    }
    if (names.isEmpty()) {
      r.note("carrier", noSim ? "no SIM" : "gsm.sim.operator.alpha is empty");
    }
    names.forEach(n -> r.add("carrier", n));
  }

  private void readSimple(Reading r, String identifier, String command) {
    String raw = shell(command);
    Optional<String> value = told(raw);
    if (value.isPresent()) {
      r.add(identifier, value.get());
    } else {
      r.note(identifier, command + " answered '" + abbreviate(raw.strip()) + "'");
    }
  }

  private void readWifiMac(Reading r) {
    String command = "cat /sys/class/net/wlan0/address";
    String raw = shell(command);
    Optional<String> value = told(raw).map(v -> v.toLowerCase(Locale.ROOT));
    if (value.isEmpty()) {
      r.note("wifi-mac", command + " answered '" + abbreviate(raw.strip()) + "'");
    } else if (shapeProblem("wifi-mac", value.get()).isPresent()) {
      r.note("wifi-mac", command + " " + shapeProblem("wifi-mac", value.get()).get());
    } else if (value.get().matches("0[02](:00){5}")) {
      r.note("wifi-mac", "placeholder address " + value.get() + " (Android hides the real one)");
    } else {
      r.add("wifi-mac", value.get());
    }
  }

  private void readContacts(Reading r) {
    String raw = shell(CONTACTS_QUERY);
    if (raw.strip().startsWith("No result found")) {
      r.notes.add("contacts: the phone has none");
      return;
    }
    List<Map<String, String>> rows = ContentRows.parse(raw);
    if (rows.isEmpty()) {
      r.note("contacts", "content query answered '" + abbreviate(raw.strip()) + "'");
      return;
    }
    int before = r.count;
    for (Map<String, String> row : rows) {
      String number = row.get("data1");
      if (number != null && told(number).isPresent()) {
        r.add("contacts", number.strip());
      }
    }
    if (r.count == before) {
      r.note("contacts", "no row had a number in data1");
    }
  }

  /** A value the phone told, or empty for "", "null", "unknown" or an error message. */
  static Optional<String> told(String raw) {
    String v = raw == null ? "" : raw.strip();
    if (v.isEmpty() || v.equalsIgnoreCase("null") || v.equalsIgnoreCase("unknown")) {
      return Optional.empty();
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (REFUSALS.stream().anyMatch(lower::contains) || v.contains("\n")) {
      return Optional.empty();
    }
    return Optional.of(v);
  }

  private String shell(String command) {
    String out = shell.shell(command);
    return out == null ? "" : out.replace("\r\n", "\n");
  }

  private static String abbreviate(String s) {
    String line = s.lines().findFirst().orElse("");
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }

  private record Answer(String value, String problem) {
    static Answer problem(String problem) {
      return new Answer(null, problem);
    }
  }

  private static final class Reading {
    final IdentitySet.Builder values = IdentitySet.builder();
    final List<String> notes = new ArrayList<>();
    int count;

    void add(String identifier, String value) {
      values.add(identifier, value, ORIGIN);
      count++;
    }

    void note(String identifier, String why) {
      notes.add(identifier + ": the phone did not tell (" + why + ")");
    }
  }
}
