package io.phonehome.simulator.webdriver.ui;

import io.phonehome.simulator.state.SmsMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Messaging app ({@code com.android.mms}): the conversation list with a "New message"
 * button, and the compose screen with recipient, text and Send. Send stores and sends the
 * text through {@link Ui#messenger()} and goes back to the list.
 */
public final class MessagingScreens {
  public static final String PACKAGE = "com.android.mms";
  public static final String COMPOSE_NEW = PACKAGE + ":id/action_compose_new";
  public static final String RECIPIENTS = PACKAGE + ":id/recipients_editor";
  public static final String TEXT = PACKAGE + ":id/embedded_text_editor";
  public static final String SEND = PACKAGE + ":id/send_button_sms";

  private MessagingScreens() {}

  /** One row per conversation: the address and its latest text. */
  public static final class ConversationList implements Screen {
    @Override
    public String packageName() {
      return PACKAGE;
    }

    @Override
    public String activity() {
      return ".ui.ConversationList";
    }

    @Override
    public Node render(Ui ui) {
      ListLayout layout = new ListLayout(PACKAGE, "Messaging")
          .button(COMPOSE_NEW, "New message", "New message", u -> u.open(new Compose()));
      Map<String, SmsMessage> latest = new LinkedHashMap<>();
      for (SmsMessage m : ui.state().sms().all()) {
        latest.remove(m.address());
        latest.put(m.address(), m);
      }
      for (SmsMessage m : latest.values()) {
        layout.textRow(m.address(), m.body());
      }
      return layout.build();
    }
  }

  /** A new message: recipient, text, Send. Send does nothing while the recipient is empty. */
  public static final class Compose implements Screen {
    private final TextField to = new TextField("To", false);
    private final TextField text = new TextField("Type message", false);

    @Override
    public String packageName() {
      return PACKAGE;
    }

    @Override
    public String activity() {
      return ".ui.ComposeMessageActivity";
    }

    @Override
    public Node render(Ui ui) {
      return new ListLayout(PACKAGE, "New message")
          .editText(RECIPIENTS, to)
          .editText(TEXT, text)
          .button(SEND, "Send", "Send", this::send)
          .build();
    }

    private void send(Ui ui) {
      String recipient = to.value().trim();
      if (recipient.isEmpty()) {
        return;
      }
      ui.messenger().sendText(recipient, text.value());
      ui.back();
    }
  }
}
