package io.phonehome.simulator.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The handset's contacts: the identity's contact numbers first (named "Contact 1",
 * "Contact 2", ...), then those added on the phone.
 */
public final class ContactStore {
  private final List<Contact> contacts = new ArrayList<>();
  private long lastId;

  public ContactStore(List<String> initialNumbers) {
    for (String number : initialNumbers) {
      add("Contact " + (contacts.size() + 1), number);
    }
  }

  public synchronized Contact add(String name, String number) {
    Contact c = new Contact(++lastId, name, number);
    contacts.add(c);
    return c;
  }

  /** Deletes a contact (ids are never reused); false when there is none with that id. */
  public synchronized boolean remove(long id) {
    return contacts.removeIf(c -> c.id() == id);
  }

  public synchronized List<Contact> all() {
    return List.copyOf(contacts);
  }

  /** Every contact number, comma-joined: the {@code {contacts}} placeholder's value. */
  public synchronized String numbers() {
    return String.join(",", contacts.stream().map(Contact::number).toList());
  }
}
