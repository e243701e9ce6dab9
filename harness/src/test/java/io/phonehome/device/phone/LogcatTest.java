package io.phonehome.device.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.testng.annotations.Test;

public class LogcatTest {
  @Test
  public void parses_threadtime_lines_and_skips_buffer_banners() {
    List<LogLine> lines = Logcat.parse(Samples.read("logcat-sms-4.3.txt"));

    assertThat(lines).hasSize(11);
    assertThat(lines.get(2)).isEqualTo(new LogLine("11-25 10:15:03.123", 1203, 1203, 'D', "SMSDispatcher",
        "sendText destAddr=0922000111 scAddr=null msgRef=3"));
  }

  @Test
  public void padded_tag_is_trimmed_and_message_keeps_its_colons() {
    List<LogLine> lines = Logcat.parse("11-25 10:15:03.140  1203  1203 D RILJ    : [0412]> SEND_SMS: x\r\n");

    assertThat(lines).singleElement().satisfies(l -> {
      assertThat(l.tag()).isEqualTo("RILJ");
      assertThat(l.message()).isEqualTo("[0412]> SEND_SMS: x");
    });
  }

  @Test
  public void prints_the_line_back_for_evidence() {
    LogLine line = new LogLine("11-25 10:15:04.870", 1203, 1203, 'D', "GsmSMSDispatcher",
        "SMS send complete msgRef=3 result=RESULT_OK");

    assertThat(line).hasToString("11-25 10:15:04.870  1203  1203 D GsmSMSDispatcher: SMS send complete msgRef=3 result=RESULT_OK");
  }

  @Test
  public void short_tags_print_padded_as_logcat_does() {
    LogLine line = new LogLine("11-25 10:15:03.140", 1203, 1203, 'D', "RILJ", "[0412]> SEND_SMS");

    assertThat(Logcat.parse(line.toString())).containsExactly(line);
    assertThat(line).hasToString("11-25 10:15:03.140  1203  1203 D RILJ    : [0412]> SEND_SMS");
  }
}
