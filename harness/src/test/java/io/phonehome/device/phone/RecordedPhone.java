package io.phonehome.device.phone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A phone that answers shell commands with recorded outputs and remembers what it was asked. */
final class RecordedPhone implements PhoneIdentityReader.Shell {
  private final Map<String, String> answers = new LinkedHashMap<>();
  final List<String> asked = new ArrayList<>();

  /** A Redmi 1S on Android 4.3 with a SIM, as the samples record it. */
  static RecordedPhone android43WithSim() {
    return new RecordedPhone()
        .answer("getprop ro.build.version.sdk", "18\r\n")
        .answer("getprop gsm.sim.state", "READY\r\n")
        .answer("service call iphonesubinfo 1", Samples.read("iphonesubinfo-1-imei-4.3.txt"))
        .answer("service call iphonesubinfo 3", Samples.read("iphonesubinfo-3-imsi-4.3.txt"))
        .answer("service call iphonesubinfo 4", Samples.read("iphonesubinfo-4-iccid-4.3.txt"))
        .answer("service call iphonesubinfo 5", Samples.read("iphonesubinfo-5-number-4.3.txt"))
        .answer("dumpsys iphonesubinfo", Samples.read("dumpsys-iphonesubinfo-4.3.txt"))
        .answer("getprop gsm.sim.operator.alpha", "Chunghwa Telecom\r\n")
        .answer("settings get secure android_id", "9774d56d682e549c\r\n")
        .answer("getprop ro.serialno", "4df1e9a2\r\n")
        .answer("cat /sys/class/net/wlan0/address", "ac:f7:f3:12:34:56\r\n")
        .answer(PhoneIdentityReader.CONTACTS_QUERY, Samples.read("content-contacts-phones-4.3.txt"));
  }

  RecordedPhone answer(String command, String output) {
    answers.put(command, output);
    return this;
  }

  @Override
  public String shell(String command) {
    asked.add(command);
    return answers.getOrDefault(command, "/system/bin/sh: " + command.split(" ")[0] + ": not found\r\n");
  }
}
