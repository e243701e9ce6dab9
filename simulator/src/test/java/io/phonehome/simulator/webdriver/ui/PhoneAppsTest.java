package io.phonehome.simulator.webdriver.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

public class PhoneAppsTest {
  private static Node byId(Ui ui, String id) {
    return ui.render().all().stream().map(Located::node).filter(n -> n.resourceId().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no view " + id + " on " + ui.current().activity()));
  }

  private static void tap(Ui ui, String id) {
    byId(ui, id).onClick().orElseThrow().perform(ui);
  }

  private static void type(Ui ui, String id, String text) {
    byId(ui, id).field().orElseThrow().set(text);
  }

  @Test
  public void the_launcher_shows_messaging_and_contacts() {
    Ui ui = Screens.ui();
    assertThat(ui.render().all()).extracting(l -> l.node().contentDesc()).contains("Messaging", "Contacts");
  }

  @Test
  public void compose_has_the_ids_and_labels_of_androids_messaging_app() {
    Ui ui = Screens.ui();
    ui.launch(MessagingScreens.PACKAGE);
    assertThat(ui.current().activity()).isEqualTo(".ui.ConversationList");
    assertThat(byId(ui, "com.android.mms:id/action_compose_new").contentDesc()).isEqualTo("New message");
    tap(ui, "com.android.mms:id/action_compose_new");
    assertThat(byId(ui, "com.android.mms:id/recipients_editor").contentDesc()).isEqualTo("To");
    assertThat(byId(ui, "com.android.mms:id/embedded_text_editor").contentDesc()).isEqualTo("Type message");
    assertThat(byId(ui, "com.android.mms:id/send_button_sms").contentDesc()).isEqualTo("Send");
  }

  @Test
  public void send_stores_the_text_and_returns_to_the_conversation_list() {
    Ui ui = Screens.ui();
    ui.launch(MessagingScreens.PACKAGE);
    tap(ui, MessagingScreens.COMPOSE_NEW);
    tap(ui, MessagingScreens.SEND);
    assertThat(ui.current().activity()).as("no recipient: nothing sent").isEqualTo(".ui.ComposeMessageActivity");

    type(ui, MessagingScreens.RECIPIENTS, "+886955000111");
    type(ui, MessagingScreens.TEXT, "hello there");
    tap(ui, MessagingScreens.SEND);
    assertThat(ui.current().activity()).isEqualTo(".ui.ConversationList");
    assertThat(ui.state().sms().all()).singleElement()
        .satisfies(m -> assertThat(m.address() + " " + m.body() + " " + m.type()).isEqualTo("+886955000111 hello there 2"));
    assertThat(ui.render().all()).extracting(l -> l.node().text()).contains("+886955000111", "hello there");
  }

  @Test
  public void save_adds_the_contact_and_returns_to_the_list() {
    Ui ui = Screens.ui();
    ui.launch(ContactsScreens.PACKAGE);
    assertThat(byId(ui, ContactsScreens.ADD).contentDesc()).isEqualTo("Add new contact");
    tap(ui, ContactsScreens.ADD);
    assertThat(byId(ui, ContactsScreens.NAME).contentDesc()).isEqualTo("Name");
    assertThat(byId(ui, ContactsScreens.PHONE).contentDesc()).isEqualTo("Phone");
    assertThat(byId(ui, ContactsScreens.SAVE).contentDesc()).isEqualTo("Save");
    type(ui, ContactsScreens.NAME, "Mei Lin");
    type(ui, ContactsScreens.PHONE, "+886955000111");
    tap(ui, ContactsScreens.SAVE);
    assertThat(ui.current().activity()).isEqualTo(".activities.PeopleActivity");
    assertThat(ui.state().contacts().numbers()).isEqualTo("+886955000111");
    assertThat(ui.render().all()).extracting(l -> l.node().text()).contains("Mei Lin");
  }
}
