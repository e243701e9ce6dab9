package io.phonehome.simulator.telephony;

import io.phonehome.simulator.shell.ShellProgram;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.state.Telephony;
import java.util.List;

/**
 * {@code dumpsys [SERVICE]} for the telephony services, in Android 4.x's formats:
 * {@code iphonesubinfo} (the device ID) and {@code telephony.registry} (service and data
 * connection state). Other services are not dumped.
 */
final class DumpsysCommand implements ShellProgram {
  private static final List<String> SERVICES = List.of("iphonesubinfo", "isms", "phone", "telephony.registry");

  private final PhoneState state;

  DumpsysCommand(PhoneState state) {
    this.state = state;
  }

  @Override
  public Output run(List<String> args, byte[] stdin, boolean root) {
    if (args.isEmpty() || args.get(0).equals("-l")) {
      StringBuilder out = new StringBuilder("Currently running services:\n");
      SERVICES.forEach(s -> out.append("  ").append(s).append('\n'));
      return Output.text(out.toString(), 0);
    }
    Telephony t = state.telephony();
    return switch (args.get(0)) {
      case "iphonesubinfo" -> Output.text("Phone Subscriber Info:\n  Phone Type = GSM\n  Device ID = "
          + t.imei() + "\n", 0);
      case "telephony.registry" -> Output.text(registry(t), 0);
      case "isms", "phone" -> Output.text("", 0);
      default -> Output.text("Can't find service: " + args.get(0) + "\n", 0);
    };
  }

  static String registry(Telephony t) {
    String numeric = t.operatorNumeric();
    String serviceState = t.simPresent()
        ? "0 0 voice home data home " + t.carrier() + " " + shortName(t.carrier()) + " " + numeric + " "
            + t.carrier() + " " + shortName(t.carrier()) + " " + numeric + "  HSPA HSPA CSS not supported -1 -1"
            + " RoamingIndicator: -1 EmergOnly: false"
        : "1 1 voice home data home null null null null null null  Unknown Unknown CSS not supported -1 -1"
            + " RoamingIndicator: -1 EmergOnly: true";
    return "last known state:\n"
        + "  mCallState=0\n"
        + "  mCallIncomingNumber=\n"
        + "  mServiceState=" + serviceState + "\n"
        + "  mSignalStrength=SignalStrength: " + (t.simPresent() ? "18" : "99")
        + " 0 -120 -160 -120 -1 -1 99 2147483647 2147483647 2147483647 2147483647 2147483647 gsm|lte\n"
        + "  mMessageWaiting=false\n"
        + "  mCallForwarding=false\n"
        + "  mDataActivity=0\n"
        + "  mDataConnectionState=" + (t.simPresent() ? 2 : 0) + "\n"
        + "  mDataConnectionPossible=" + t.simPresent() + "\n"
        + "  mDataConnectionReason=" + (t.simPresent() ? "simLoaded" : "null") + "\n"
        + "  mDataConnectionApn=" + (t.simPresent() ? "internet" : "null") + "\n"
        + "  mDataConnectionLinkProperties=null\n"
        + "  mDataConnectionLinkCapabilities=null\n"
        + "  mCellLocation=Bundle[mParcelledData.dataSize=" + (t.simPresent() ? 112 : 0) + "]\n"
        + "  mCellInfo=null\n"
        + "registrations: count=0\n";
  }

  private static String shortName(String carrier) {
    StringBuilder sb = new StringBuilder();
    for (String w : carrier.split("\\s+")) {
      if (!w.isEmpty()) {
        sb.append(Character.toUpperCase(w.charAt(0)));
      }
    }
    return sb.toString();
  }
}
