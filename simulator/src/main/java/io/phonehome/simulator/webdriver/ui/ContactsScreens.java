package io.phonehome.simulator.webdriver.ui;

import io.phonehome.simulator.state.Contact;

/**
 * The Contacts app ({@code com.android.contacts}): the list of people with an add button,
 * and the editor with name, phone and Save. Save adds the contact through
 * {@link Ui#messenger()} and goes back to the list.
 */
public final class ContactsScreens {
  public static final String PACKAGE = "com.android.contacts";
  public static final String ADD = PACKAGE + ":id/floating_action_button";
  public static final String NAME = PACKAGE + ":id/editor_name";
  public static final String PHONE = PACKAGE + ":id/editor_phone";
  public static final String SAVE = PACKAGE + ":id/editor_menu_save_button";

  private ContactsScreens() {}

  /** One row per contact: name and number. */
  public static final class People implements Screen {
    @Override
    public String packageName() {
      return PACKAGE;
    }

    @Override
    public String activity() {
      return ".activities.PeopleActivity";
    }

    @Override
    public Node render(Ui ui) {
      ListLayout layout = new ListLayout(PACKAGE, "Contacts")
          .button(ADD, "Add new contact", "Add new contact", u -> u.open(new Editor()));
      for (Contact c : ui.state().contacts().all()) {
        layout.textRow(c.name(), c.number());
      }
      return layout.build();
    }
  }

  /** A new contact: name and phone. Save does nothing while both are empty. */
  public static final class Editor implements Screen {
    private final TextField name = new TextField("Name", false);
    private final TextField phone = new TextField("Phone", false);

    @Override
    public String packageName() {
      return PACKAGE;
    }

    @Override
    public String activity() {
      return ".activities.ContactEditorActivity";
    }

    @Override
    public Node render(Ui ui) {
      return new ListLayout(PACKAGE, "Add new contact")
          .editText(NAME, name)
          .editText(PHONE, phone)
          .button(SAVE, "Save", "Save", this::save)
          .build();
    }

    private void save(Ui ui) {
      if (name.value().isBlank() && phone.value().isBlank()) {
        return;
      }
      ui.messenger().addContact(name.value().trim(), phone.value().trim());
      ui.back();
    }
  }
}
