package io.phonehome.device.phone;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which {@code service call iphonesubinfo N} answers which identifier on one range of
 * Android versions. A transaction code is the 1-based position of the method in
 * {@code IPhoneSubInfo.aidl} (FIRST_CALL_TRANSACTION + index), so it moves whenever a
 * release inserts a method above it, and vendors that add methods (Qualcomm's
 * {@code getCardType}, multi-SIM {@code ...OnSubscription} variants) move it too.
 *
 * <table>
 *   <caption>Codes used</caption>
 *   <tr><th>Table</th><th>SDK</th><th>IMEI</th><th>IMSI</th><th>ICCID</th><th>Number</th><th>Arguments</th></tr>
 *   <tr><td>android-4</td><td>14-20</td><td>1 getDeviceId</td><td>3 getSubscriberId</td>
 *       <td>4 getIccSerialNumber</td><td>5 getLine1Number</td><td>none</td></tr>
 *   <tr><td>android-10</td><td>29</td><td>1 getDeviceId</td><td>7 getSubscriberId</td>
 *       <td>10 getIccSerialNumber</td><td>12 getLine1Number</td><td>calling package</td></tr>
 *   <tr><td>android-11</td><td>30-33</td><td>1 getDeviceId</td><td>8 getSubscriberId</td>
 *       <td>12 getIccSerialNumber</td><td>15 getLine1Number</td><td>calling package</td></tr>
 * </table>
 *
 * Sources, IPhoneSubInfo.aidl in frameworks/base/telephony/java/com/android/internal/telephony/:
 * <ul>
 *   <li>android-4: the AOSP 4.x interface (Android 4.3 JB-MR2 included): getDeviceId,
 *       getDeviceSvn, getSubscriberId, getIccSerialNumber, getLine1Number, getLine1AlphaTag,
 *       getMsisdn, getVoiceMailNumber, getCompleteVoiceMailNumber, getVoiceMailAlphaTag,
 *       getIsimImpi, getIsimDomain, getIsimImpu. Android 4.4 appends ISIM methods after
 *       these; Android 5.0 inserts getDeviceIdUsingSubId at 2, ending this table.</li>
 *   <li>android-10: methods take the calling package: getDeviceId, getNaiForSubscriber,
 *       getDeviceIdForPhone, getImeiForSubscriber, getDeviceSvn, getDeviceSvnUsingSubId,
 *       getSubscriberId, getSubscriberIdForSubscriber, getGroupIdLevel1ForSubscriber,
 *       getIccSerialNumber, getIccSerialNumberForSubscriber, getLine1Number.</li>
 *   <li>android-11: ...WithFeature variants follow each deprecated method: getDeviceId,
 *       getDeviceIdWithFeature, getNaiForSubscriber, getDeviceIdForPhone, getImeiForSubscriber,
 *       getDeviceSvn, getDeviceSvnUsingSubId, getSubscriberId, getSubscriberIdWithFeature,
 *       getSubscriberIdForSubscriber, getGroupIdLevel1ForSubscriber, getIccSerialNumber,
 *       getIccSerialNumberWithFeature, getIccSerialNumberForSubscriber, getLine1Number.
 *       Later releases insert getGroupIdLevel2ForSubscriber at 12, so no table claims them.</li>
 * </ul>
 * Android 5 to 9 and 14 on have no table here: the reader notes it and the declared
 * identity fills in. Every value read is checked for the identifier's shape, so a vendor
 * build with shifted codes is noted rather than trusted.
 *
 * @param name table name for notes
 * @param minSdk lowest {@code ro.build.version.sdk} it applies to
 * @param maxSdk highest {@code ro.build.version.sdk} it applies to
 * @param codes transaction code per identifier
 * @param arguments what follows the code on the command line (the calling package), or ""
 */
public record SubInfoTable(String name, int minSdk, int maxSdk, Map<Field, Integer> codes, String arguments) {
  /** The identifiers {@code iphonesubinfo} answers. */
  public enum Field {
    IMEI("imei"),
    IMSI("imsi"),
    ICCID("iccid"),
    PHONE_NUMBER("phone-number");

    private final String identifier;

    Field(String identifier) {
      this.identifier = identifier;
    }

    /** The identity key, as in devices.yaml. */
    public String identifier() {
      return identifier;
    }
  }

  private static final String SHELL_PACKAGE = "s16 com.android.shell";

  public static final SubInfoTable ANDROID_4 = of("android-4", 14, 20, 1, 3, 4, 5, "");
  public static final SubInfoTable ANDROID_10 = of("android-10", 29, 29, 1, 7, 10, 12, SHELL_PACKAGE);
  public static final SubInfoTable ANDROID_11 = of("android-11", 30, 33, 1, 8, 12, 15, SHELL_PACKAGE);

  private static final List<SubInfoTable> ALL = List.of(ANDROID_4, ANDROID_10, ANDROID_11);

  public SubInfoTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
    codes = Map.copyOf(codes);
  }

  private static SubInfoTable of(String name, int min, int max, int imei, int imsi, int iccid,
      int number, String arguments) {
    Map<Field, Integer> codes = new EnumMap<>(Field.class);
    codes.put(Field.IMEI, imei);
    codes.put(Field.IMSI, imsi);
    codes.put(Field.ICCID, iccid);
    codes.put(Field.PHONE_NUMBER, number);
    return new SubInfoTable(name, min, max, codes, arguments);
  }

  /** The table for a phone's {@code ro.build.version.sdk}; empty when none is verified. */
  public static Optional<SubInfoTable> forSdk(int sdk) {
    return ALL.stream().filter(t -> sdk >= t.minSdk && sdk <= t.maxSdk).findFirst();
  }

  /** The shell command that asks for {@code field}, e.g. {@code service call iphonesubinfo 3}. */
  public String command(Field field) {
    String command = "service call iphonesubinfo " + codes.get(field);
    return arguments.isEmpty() ? command : command + " " + arguments;
  }
}
