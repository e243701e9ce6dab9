package io.phonehome.simulator.telephony;

import io.phonehome.simulator.state.Telephony;
import java.util.Optional;

/**
 * The {@code iphonesubinfo} binder service of an Android 4.x phone, by transaction code.
 * The codes are FIRST_CALL_TRANSACTION (1) plus the method's index in AOSP's
 * {@code IPhoneSubInfo.aidl} of the Jelly Bean releases, as the stubs generated from it
 * number them:
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
 * Later releases renumbered the interface (API 18 brought getGroupIdLevel1 to
 * TelephonyManager, Android 5 added per-subscription methods), so a harness reading
 * another release should check the numbers against that release's interface; a reader
 * that checks the answer's shape (15 digits for an IMEI, 19 or 20 for an ICCID) is safe
 * either way. Unknown codes and values
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
