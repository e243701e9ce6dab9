package io.phonehome.simulator.telephony;

import io.phonehome.simulator.shell.ShellProgram;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.PhoneState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code setidentity KEY=VALUE ...}: writes the handset's identity, as the vendor tools of
 * a rooted phone rewrite its IMEI (the radio's NV items), SIM and network identifiers.
 * Root only: as the shell user it prints {@code setidentity: Permission denied} and exits
 * 1. Keys are those of the identity file: {@code imei}, {@code imsi}, {@code iccid},
 * {@code phone-number}, {@code android-id}, {@code serial}, {@code wifi-mac},
 * {@code carrier}; keys not given keep their value. Values are checked for shape only (an
 * IMEI is 15 digits; its check digit is not verified, as the radio does not). A bad key or value changes nothing
 * and exits 1 with one line on standard error. On success it prints one line per key
 * written and logs the change (tag {@code setidentity}).
 *
 * <pre>
 * su 0 setidentity imei=861234567890143 phone-number=+886912000777
 * su -c 'setidentity android-id=5f2c7d1e9a0b3c4d'
 * </pre>
 */
final class SetIdentityCommand implements ShellProgram {
  static final String NAME = "setidentity";
  private static final Map<String, Pattern> SHAPES = shapes();
  private static final String USAGE = "usage: setidentity KEY=VALUE ...\n  keys: "
      + String.join(", ", SHAPES.keySet()) + "\n";
  private static final int PID = 1187;

  private final PhoneState state;

  SetIdentityCommand(PhoneState state) {
    this.state = state;
  }

  private static Map<String, Pattern> shapes() {
    Map<String, Pattern> s = new LinkedHashMap<>();
    s.put("imei", Pattern.compile("[0-9]{15}"));
    s.put("imsi", Pattern.compile("[0-9]{6,15}"));
    s.put("iccid", Pattern.compile("[0-9]{18,22}[Ff]?"));
    s.put("phone-number", Pattern.compile("\\+?[0-9]{3,15}"));
    s.put("android-id", Pattern.compile("[0-9A-Fa-f]{16}"));
    s.put("serial", Pattern.compile("[0-9A-Za-z]{1,20}"));
    s.put("wifi-mac", Pattern.compile("[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2}){5}"));
    s.put("carrier", Pattern.compile("\\S.{0,63}"));
    return java.util.Collections.unmodifiableMap(s);
  }

  @Override
  public Output run(List<String> args, byte[] stdin, boolean root) {
    if (!root) {
      return new Output(new byte[0], NAME + ": Permission denied\n", 1);
    }
    if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help")) {
      return new Output(new byte[0], USAGE, 1);
    }
    Map<String, String> given = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        return error("'" + arg + "' is not KEY=VALUE\n" + USAGE);
      }
      String key = arg.substring(0, eq);
      String value = arg.substring(eq + 1);
      Pattern shape = SHAPES.get(key);
      if (shape == null) {
        return error("unknown key '" + key + "' (keys: " + String.join(", ", SHAPES.keySet()) + ")");
      }
      if (!shape.matcher(value).matches()) {
        return error(key + ": '" + value + "' is not a valid " + key);
      }
      given.put(key, key.equals("android-id") ? value.toLowerCase(Locale.ROOT) : value);
    }
    Identity before = state.identity();
    Map<String, String> values = new LinkedHashMap<>(before.values());
    values.putAll(given);
    state.switchIdentity(new Identity(values, before.contacts()));
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : given.entrySet()) {
      out.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
      state.log().log(PID, PID, 'I', NAME, e.getKey() + " written");
    }
    return Output.text(out.toString(), 0);
  }

  private static Output error(String line) {
    return new Output(new byte[0], NAME + ": " + line + (line.endsWith("\n") ? "" : "\n"), 1);
  }
}
