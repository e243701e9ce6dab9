package io.phonehome.simulator.telephony;

import io.phonehome.simulator.state.Telephony;
import java.util.Optional;

/**
 * The {@code iphonesubinfo} binder service of an Android 4.x phone, by transaction code.
 * The codes follow the method order of AOSP's {@code IPhoneSubInfo.aidl} in the 4.1 to
 * 4.3 releases (FIRST_CALL_TRANSACTION is 1):
 *
 * <pre>
 *  1 getDeviceId                 IMEI (answered with or without a SIM)
 *  2 getDeviceSvn                IMEI software version
 *  3 getSubscriberId             IMSI
 *  4 getIccSerialNumber          ICCID
 *  5 getLine1Number              phone number
 *  6 getLine1AlphaTag            line 1 label (null: SIMs in the lab carry none)
 *  7 getMsisdn                   phone number
 *  8 getVoiceMailNumber          null
 *  9 getCompleteVoiceMailNumber  null
 * 10 getVoiceMailAlphaTag        null
 * 11 getIsimImpi, 12 getIsimDomain, 13 getIsimImpu: null (no ISIM)
 * </pre>
 *
 * Later releases renumbered the interface (Android 5 added per-subscription methods), so
 * a harness reading a newer phone needs that release's table. Unknown codes and values
 * the phone cannot tell (no SIM) answer a null string, as a real phone does.
 */
public final class PhoneSubInfo {
  /** The IMEI/SV a handset without one in its identity reports. */
  static final String DEFAULT_SVN = "01";

  private final Telephony telephony;
  private final String svn;

  public PhoneSubInfo(Telephony telephony, String svn) {
    this.telephony = telephony;
    this.svn = svn == null ? DEFAULT_SVN : svn;
  }

  /** The string a transaction returns, or empty for a null reply. */
  public Optional<String> call(int code) {
    return switch (code) {
      case 1 -> telephony.value("imei");
      case 2 -> Optional.of(svn);
      case 3 -> telephony.imsi();
      case 4 -> telephony.iccid();
      case 5, 7 -> telephony.phoneNumber();
      default -> Optional.empty();
    };
  }

  /** What {@code service call iphonesubinfo CODE} prints. */
  public String dump(int code) {
    return ParcelDump.ofString(call(code).orElse(null));
  }
}
