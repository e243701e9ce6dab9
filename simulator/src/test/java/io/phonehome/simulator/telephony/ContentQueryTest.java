package io.phonehome.simulator.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.shell.AndroidShell;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.state.SmsMessage;
import org.testng.annotations.Test;

public class ContentQueryTest {
  @Test
  public void an_empty_sent_box_prints_no_result_found() {
    AndroidShell shell = Phones.shell(Phones.withSim());
    assertThat(shell.run("content query --uri content://sms/sent").output()).isEqualTo("No result found.\n");
  }

  @Test
  public void prints_sent_messages_in_androids_row_format() {
    PhoneState state = Phones.withSim();
    state.sms().add("+886922000111", "hello there", SmsMessage.TYPE_SENT, 1416830000000L);
    state.sms().add("+886933000222", "second, with a comma", SmsMessage.TYPE_SENT, 1416830001000L);
    state.sms().add("+886922000111", "a reply", SmsMessage.TYPE_INBOX, 1416830002000L);
    AndroidShell shell = Phones.shell(state);

    assertThat(shell.run("content query --uri content://sms/sent").output()).isEqualTo(
        "Row: 0 _id=1, thread_id=1, address=+886922000111, person=NULL, date=1416830000000, read=1, status=-1,"
            + " type=2, body=hello there\n"
            + "Row: 1 _id=2, thread_id=2, address=+886933000222, person=NULL, date=1416830001000, read=1, status=-1,"
            + " type=2, body=second, with a comma\n");
    assertThat(shell.run("content query --uri content://sms/inbox").output())
        .startsWith("Row: 0 _id=3, thread_id=1, address=+886922000111,").endsWith("type=1, body=a reply\n");
    assertThat(shell.run("content query --uri content://sms").output().lines()).hasSize(3);
  }

  @Test
  public void honours_projection_and_a_simple_where() {
    PhoneState state = Phones.withSim();
    state.sms().add("+886922000111", "one", SmsMessage.TYPE_SENT, 1L);
    state.sms().add("+886933000222", "two", SmsMessage.TYPE_INBOX, 2L);
    AndroidShell shell = Phones.shell(state);
    assertThat(shell.run("content query --uri content://sms --projection address:body --where \"type=2\"").output())
        .isEqualTo("Row: 0 address=+886922000111, body=one\n");
    assertThat(shell.run("content query --uri content://sms --where \"type = 1 AND address='+886933000222'\"")
        .output()).startsWith("Row: 0 _id=2,");
    assertThat(shell.run("content query --uri content://sms --where \"type=3\"").output())
        .isEqualTo("No result found.\n");
  }

  @Test
  public void rejects_an_unknown_column_or_uri_as_the_provider_does() {
    AndroidShell shell = Phones.shell(Phones.withSim());
    AndroidShell.Result r = shell.run("content query --uri content://sms --where \"colour=red\" 2>&1");
    assertThat(r.output()).isEqualTo("Error while accessing provider:sms\n"
        + "android.database.sqlite.SQLiteException: no such column: colour (code 1)\n");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(shell.run("content query --uri content://mms-sms/nope 2>&1").output())
        .startsWith("Error while accessing provider:mms-sms\n").contains("Unknown URL content://mms-sms/nope");
  }

  @Test
  public void lists_contact_phones_with_display_name_and_number() {
    PhoneState state = Phones.withSim();
    state.contacts().add("Mei Lin", "+886955000111");
    AndroidShell shell = Phones.shell(state);
    assertThat(shell.run("content query --uri content://com.android.contacts/data/phones"
        + " --projection display_name:data1").output()).isEqualTo("""
        Row: 0 display_name=Contact 1, data1=+886922000111
        Row: 1 display_name=Contact 2, data1=+886933000222
        Row: 2 display_name=Mei Lin, data1=+886955000111
        """);
    assertThat(shell.run("content query --uri content://contacts/people").output())
        .contains("Row: 2 _id=3, name=Mei Lin, number=+886955000111\n");
  }

  @Test
  public void deletes_a_message_and_a_contact_by_id_printing_nothing() {
    PhoneState state = Phones.withSim();
    state.sms().add("+886922000111", "one", SmsMessage.TYPE_SENT, 1L);
    state.sms().add("+886933000222", "two", SmsMessage.TYPE_SENT, 2L);
    long planted = state.contacts().add("Planted Name", "+886944000333").id();
    int before = state.contacts().all().size();
    AndroidShell shell = Phones.shell(state);

    AndroidShell.Result sms = shell.run("content delete --uri content://sms/1");
    AndroidShell.Result contact = shell.run("content delete --uri content://com.android.contacts/contacts/" + planted);

    assertThat(sms.output()).isEmpty();
    assertThat(sms.exitCode()).isZero();
    assertThat(contact.output()).isEmpty();
    assertThat(shell.run("content query --uri content://sms/sent").output()).isEqualTo(
        "Row: 0 _id=2, thread_id=2, address=+886933000222, person=NULL, date=2, read=1, status=-1, type=2, body=two\n");
    assertThat(state.contacts().all()).hasSize(before - 1).noneMatch(c -> c.name().equals("Planted Name"));
    assertThat(state.sms().add("+886922000111", "three", SmsMessage.TYPE_SENT, 3L).id())
        .as("ids are not reused after a delete").isEqualTo(3);
  }

  @Test
  public void deletes_messages_by_a_where_clause_and_nothing_for_contacts_without_an_id() {
    PhoneState state = Phones.withSim();
    state.sms().add("+886922000111", "one", SmsMessage.TYPE_SENT, 1L);
    state.sms().add("+886933000222", "two", SmsMessage.TYPE_SENT, 2L);
    int contacts = state.contacts().all().size();
    AndroidShell shell = Phones.shell(state);

    shell.run("content delete --uri content://sms --where \"body='two'\"");
    shell.run("content delete --uri content://com.android.contacts/contacts");

    assertThat(state.sms().all()).extracting(SmsMessage::body).containsExactly("one");
    assertThat(state.contacts().all()).hasSize(contacts);
    assertThat(shell.run("content delete --uri content://sms --where \"colour=red\" 2>&1").output())
        .contains("no such column: colour");
  }
}
