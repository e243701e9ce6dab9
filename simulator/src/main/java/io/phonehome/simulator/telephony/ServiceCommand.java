package io.phonehome.simulator.telephony;

import io.phonehome.simulator.shell.ShellProgram;
import io.phonehome.simulator.state.PhoneState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code service list | check SERVICE | call SERVICE CODE [i32 N | s16 STR ...]}, as
 * Android's {@code /system/bin/service}. {@code iphonesubinfo} answers with
 * {@link PhoneSubInfo}; the other listed services answer calls with an empty reply.
 */
final class ServiceCommand implements ShellProgram {
  private static final Map<String, String> SERVICES = new TreeMap<>(Map.of(
      "iphonesubinfo", "com.android.internal.telephony.IPhoneSubInfo",
      "isms", "com.android.internal.telephony.ISms",
      "phone", "com.android.internal.telephony.ITelephony",
      "telephony.registry", "com.android.internal.telephony.ITelephonyRegistry",
      "settings", "",
      "package", "android.content.pm.IPackageManager",
      "activity", "android.app.IActivityManager"));
  private static final String USAGE = """
      Usage: service [-h|-?]
             service list
             service check SERVICE
             service call SERVICE CODE [i32 INT | s16 STR] ...
      Options:
         i32: Write the integer INT into the send parcel.
         s16: Write the UTF-16 string STR into the send parcel.
      """;

  private final PhoneState state;

  ServiceCommand(PhoneState state) {
    this.state = state;
  }

  @Override
  public Output run(List<String> args, byte[] stdin, boolean root) {
    if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("-?")) {
      return Output.text(USAGE, 0);
    }
    switch (args.get(0)) {
      case "list" -> {
        StringBuilder out = new StringBuilder("Found " + SERVICES.size() + " services:\n");
        int i = 0;
        for (Map.Entry<String, String> s : SERVICES.entrySet()) {
          out.append(i++).append('\t').append(s.getKey()).append(": [").append(s.getValue()).append("]\n");
        }
        return Output.text(out.toString(), 0);
      }
      case "check" -> {
        if (args.size() < 2) {
          return Output.text(USAGE, 0);
        }
        String name = args.get(1);
        return Output.text("Service " + name + (SERVICES.containsKey(name) ? ": found\n" : ": not found\n"), 0);
      }
      case "call" -> {
        return call(args);
      }
      default -> {
        return new Output(new byte[0], "service: Unknown command " + args.get(0) + "\n" + USAGE, 0);
      }
    }
  }

  private Output call(List<String> args) {
    if (args.size() < 3) {
      return new Output(new byte[0], "service: No code specified for call\n", 0);
    }
    String name = args.get(1);
    if (!SERVICES.containsKey(name)) {
      return new Output(new byte[0], "service: Service " + name + " does not exist\n", 0);
    }
    int code;
    try {
      code = Integer.parseInt(args.get(2));
    } catch (NumberFormatException e) {
      // Android's atoi reads garbage as 0, a code no interface uses
      code = 0;
    }
    if (!name.equals("iphonesubinfo")) {
      return Output.text(ParcelDump.format(new byte[4]), 0);
    }
    PhoneSubInfo info = new PhoneSubInfo(state.telephony(), state.identity().get("imei-svn").orElse(null));
    return Output.text(info.dump(code), 0);
  }
}
