package io.phonehome.simulator.telephony;

import io.phonehome.simulator.firmware.Trigger;
import io.phonehome.simulator.runtime.FirmwareRuntime;
import io.phonehome.simulator.state.Contact;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.state.SmsMessage;
import java.util.Map;
import java.util.Optional;

/**
 * What the Messaging and Contacts apps do when the user sends a text or saves a contact.
 * A text is stored in the sent box, then goes out the way the firmware's
 * {@code messaging: sms-over-data-when} decides at that moment: over data (no carrier
 * trace) or through the carrier, which the GSM stack logs as
 * <pre>
 * D SMSDispatcher: sendText destAddr=+886955000111 scAddr=null msgRef=1
 * D GsmSMSDispatcher: SMS send complete msgRef=1 result=RESULT_OK
 * </pre>
 * Either way the firmware's {@code sms-sent} services fire with {@code sms.body} and
 * {@code sms.to}. A saved contact fires {@code contact-added} with {@code contacts} (all
 * numbers), {@code contact.name} and {@code contact.number}.
 */
public final class Messenger {
  /** The pid and tid of {@code com.android.phone}, where the GSM stack logs. */
  static final int PHONE_PID = 1047;

  private final PhoneState state;
  private final Optional<FirmwareRuntime> runtime;

  /** @param runtime where triggers fire; {@code null} for a handset without firmware services */
  public Messenger(PhoneState state, FirmwareRuntime runtime) {
    this.state = state;
    this.runtime = Optional.ofNullable(runtime);
  }

  /** How a text left the phone. */
  public enum Path {
    CARRIER, DATA
  }

  /** A text as stored, and the path it took. */
  public record Sent(SmsMessage message, Path path) {}

  public Sent sendText(String to, String body) {
    SmsMessage m = state.sms().add(to, body, SmsMessage.TYPE_SENT, System.currentTimeMillis());
    boolean overData = state.firmware().messaging().smsOverData(k -> state.settings().get(k));
    if (!overData) {
      int ref = state.sms().nextMessageRef();
      state.log().log(PHONE_PID, PHONE_PID, 'D', "SMSDispatcher",
          "sendText destAddr=" + to + " scAddr=null msgRef=" + ref);
      state.log().log(PHONE_PID, PHONE_PID, 'D', "GsmSMSDispatcher",
          "SMS send complete msgRef=" + ref + " result=RESULT_OK");
    }
    runtime.ifPresent(r -> r.fire(Trigger.Kind.SMS_SENT, Map.of("sms.body", body, "sms.to", to)));
    return new Sent(m, overData ? Path.DATA : Path.CARRIER);
  }

  public Contact addContact(String name, String number) {
    Contact c = state.contacts().add(name, number);
    Map<String, String> context = Map.of("contacts", state.contacts().numbers(),
        "contact.name", name, "contact.number", number);
    runtime.ifPresent(r -> r.fire(Trigger.Kind.CONTACT_ADDED, context));
    return c;
  }
}
