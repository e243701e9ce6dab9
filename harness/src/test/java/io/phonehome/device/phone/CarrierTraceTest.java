package io.phonehome.device.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.testng.annotations.Test;

public class CarrierTraceTest {
  private final List<LogLine> log = Logcat.parse(Samples.read("logcat-sms-4.3.txt"));

  @Test
  public void finds_carrier_trace_for_destination_in_international_form() {
    assertThat(CarrierTrace.find(log, "+886922000111")).hasValueSatisfying(trace -> {
      assertThat(trace.msgRef()).isEqualTo(3);
      assertThat(trace.destination()).isEqualTo("0922000111");
      assertThat(trace.completed().message()).contains("RESULT_OK");
      assertThat(trace.evidence()).hasSize(2);
    });
  }

  @Test
  public void finds_carrier_trace_for_destination_in_national_form() {
    List<LogLine> international = Logcat.parse(
        "11-25 10:15:03.123  1203  1203 D SMSDispatcher: sendText destAddr=+886922000111 scAddr=null msgRef=3\n"
        + "11-25 10:15:04.870  1203  1203 D GsmSMSDispatcher: SMS send complete msgRef=3 result=RESULT_OK\n");

    assertThat(CarrierTrace.find(international, "0922-000-111")).isPresent();
  }

  @Test
  public void a_send_the_radio_refused_is_no_carrier_trace() {
    assertThat(CarrierTrace.find(log, "+886933000222")).isEmpty();
  }

  @Test
  public void no_trace_for_a_number_never_sent_to() {
    assertThat(CarrierTrace.find(log, "+886911999888")).isEmpty();
  }

  @Test
  public void a_completion_before_the_send_does_not_count() {
    List<LogLine> reversed = Logcat.parse(
        "11-25 10:15:02.000  1203  1203 D GsmSMSDispatcher: SMS send complete msgRef=3 result=RESULT_OK\n"
        + "11-25 10:15:03.123  1203  1203 D SMSDispatcher: sendText destAddr=0922000111 scAddr=null msgRef=3\n");

    assertThat(CarrierTrace.find(reversed, "0922000111")).isEmpty();
  }

  @Test
  public void a_send_without_completion_is_no_carrier_trace() {
    List<LogLine> pending = Logcat.parse(
        "11-25 10:15:03.123  1203  1203 D SMSDispatcher: sendText destAddr=0922000111 scAddr=null msgRef=9\n");

    assertThat(CarrierTrace.find(pending, "0922000111")).isEmpty();
  }

  @Test
  public void finds_every_text_to_the_same_number() {
    List<LogLine> two = Logcat.parse(
        "11-25 10:15:03.123  1203  1203 D SMSDispatcher: sendText destAddr=0922000111 scAddr=null msgRef=3\n"
        + "11-25 10:15:04.870  1203  1203 D GsmSMSDispatcher: SMS send complete msgRef=3 result=RESULT_OK\n"
        + "11-25 10:20:03.123  1203  1203 D SMSDispatcher: sendText destAddr=0922000111 scAddr=null msgRef=5\n"
        + "11-25 10:20:04.870  1203  1203 D GsmSMSDispatcher: SMS send complete msgRef=5 result=RESULT_OK\n");

    assertThat(CarrierTrace.findAll(two, "+886922000111")).extracting(CarrierTrace::msgRef).containsExactly(3, 5);
  }
}
