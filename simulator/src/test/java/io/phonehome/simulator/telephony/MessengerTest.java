package io.phonehome.simulator.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.ProfileParser;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.PhoneState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class MessengerTest {
  private static final String LOG_LINE = "\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} +\\d+ +\\d+ D ";

  private static PhoneState routedOverDataWhileCloudMessagingIsOn() throws Exception {
    FirmwareProfile p = ProfileParser.parse(Path.of("routed.yaml"), """
        build:
          display-id: X-1
          fingerprint: Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys
        settings:
          secure:cloud_messaging: 0
        messaging:
          sms-over-data-when: "secure:cloud_messaging == 1"
        """);
    return new PhoneState(p, new Identity(Map.of("imei", Phones.IMEI, "phone-number", Phones.NUMBER), List.of()));
  }

  @Test
  public void a_text_through_the_carrier_is_stored_and_logged_with_a_message_reference() {
    PhoneState state = Phones.withSim();
    Messenger messenger = new Messenger(state, null);
    assertThat(messenger.sendText("+886955000111", "first").path()).isEqualTo(Messenger.Path.CARRIER);
    messenger.sendText("+886955000222", "second");

    String logcat = Phones.shell(state).run("logcat -d").output();
    assertThat(logcat.lines().filter(l -> l.contains("SMSDispatcher")).toList()).satisfiesExactly(
        l -> assertThat(l).matches(LOG_LINE + "SMSDispatcher: sendText destAddr=\\+886955000111 scAddr=null msgRef=1"),
        l -> assertThat(l).matches(LOG_LINE + "GsmSMSDispatcher: SMS send complete msgRef=1 result=RESULT_OK"),
        l -> assertThat(l).endsWith("SMSDispatcher: sendText destAddr=+886955000222 scAddr=null msgRef=2"),
        l -> assertThat(l).endsWith("GsmSMSDispatcher: SMS send complete msgRef=2 result=RESULT_OK"));
    assertThat(state.sms().all()).extracting(m -> m.body() + "/" + m.type()).containsExactly("first/2", "second/2");
  }

  @Test
  public void a_text_over_data_leaves_no_carrier_trace() throws Exception {
    PhoneState state = routedOverDataWhileCloudMessagingIsOn();
    Messenger messenger = new Messenger(state, null);
    state.settings().put("secure:cloud_messaging", "1");
    assertThat(messenger.sendText("+886955000111", "over data").path()).isEqualTo(Messenger.Path.DATA);
    assertThat(Phones.shell(state).run("logcat -d").output()).doesNotContain("SMSDispatcher");
    assertThat(Phones.shell(state).run("content query --uri content://sms/sent").output()).contains("body=over data");

    state.settings().put("secure:cloud_messaging", "0");
    assertThat(messenger.sendText("+886955000111", "by carrier").path()).isEqualTo(Messenger.Path.CARRIER);
    assertThat(Phones.shell(state).run("logcat -d").output()).contains("msgRef=1");
  }

  @Test
  public void logcat_clear_drops_the_carrier_lines_too() {
    PhoneState state = Phones.withSim();
    new Messenger(state, null).sendText("+886955000111", "x");
    var shell = Phones.shell(state);
    shell.run("logcat -c");
    assertThat(shell.run("logcat -d").output()).isEmpty();
    new Messenger(state, null).sendText("+886955000111", "y");
    assertThat(shell.run("logcat -d").output()).contains("msgRef=2").doesNotContain("ActivityManager");
  }

  @Test
  public void a_saved_contact_joins_the_identity_contacts() {
    PhoneState state = Phones.withSim();
    new Messenger(state, null).addContact("Mei Lin", "+886955000111");
    assertThat(state.contacts().numbers()).isEqualTo("+886922000111,+886933000222,+886955000111");
  }
}
