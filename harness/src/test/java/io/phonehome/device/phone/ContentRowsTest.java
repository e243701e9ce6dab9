package io.phonehome.device.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class ContentRowsTest {
  @Test
  public void parses_sent_sms_rows_in_column_order() {
    List<Map<String, String>> rows = ContentRows.parse(Samples.read("content-sms-sent-4.3.txt"));

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).keySet()).containsExactly("_id", "thread_id", "address", "person", "date",
        "date_sent", "protocol", "read", "status", "type", "reply_path_present", "subject", "body",
        "service_center", "locked", "error_code", "seen");
    assertThat(rows.get(0)).containsEntry("address", "+886922000111").containsEntry("type", "2")
        .containsEntry("person", "NULL").containsEntry("seen", "1");
  }

  @Test
  public void row_with_commas_in_body_keeps_the_body() {
    List<Map<String, String>> rows = ContentRows.parse(Samples.read("content-sms-sent-4.3.txt"));

    assertThat(rows.get(0)).containsEntry("body", "hello, there").containsEntry("service_center", "NULL");
  }

  @Test
  public void body_holding_a_column_name_and_equals_stays_whole_when_other_rows_tell_the_columns() {
    List<Map<String, String>> rows = ContentRows.parse(Samples.read("content-sms-sent-4.3.txt"));

    assertThat(rows.get(1))
        .containsEntry("body", "pH-7f3a9c see you at 7, date=tomorrow, ok?")
        .containsEntry("date", "1416830060000")
        .hasSize(17);
  }

  @Test
  public void body_with_a_line_break_continues_on_the_next_line() {
    List<Map<String, String>> rows = ContentRows.parse(Samples.read("content-sms-sent-4.3.txt"));

    assertThat(rows.get(2)).containsEntry("body", "line one\nline two").containsEntry("locked", "0");
  }

  @Test
  public void no_result_is_empty() {
    assertThat(ContentRows.parse(Samples.read("content-no-result.txt"))).isEmpty();
    assertThat(ContentRows.parse("")).isEmpty();
  }

  @Test
  public void reads_contact_numbers_from_data1() {
    List<Map<String, String>> rows = ContentRows.parse(Samples.read("content-contacts-phones-4.3.txt"));

    assertThat(rows).extracting(r -> r.get("data1")).containsExactly("0922 000 111", "+886 933 000 222", "NULL");
    assertThat(rows.get(1)).containsEntry("display_name", "Bob Lin, Taipei office");
  }

  @Test
  public void a_single_row_with_commas_in_a_value_keeps_them() {
    List<Map<String, String>> rows =
        ContentRows.parse("Row: 0 _id=4, address=0922000111, body=one, two, three, type=1\n");

    assertThat(rows).singleElement().satisfies(r -> assertThat(r)
        .containsEntry("body", "one, two, three").containsEntry("type", "1").hasSize(4));
  }

  @Test
  public void empty_value_is_kept_empty() {
    List<Map<String, String>> rows = ContentRows.parse("Row: 0 _id=1, subject=, body=hi\r\n");

    assertThat(rows.get(0)).containsEntry("subject", "").containsEntry("body", "hi");
  }
}
