package io.phonehome.simulator.webdriver.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The apps of the virtual handset, in launcher order. */
public final class Apps {
  private final List<App> apps;

  public Apps(List<App> apps) {
    this.apps = List.copyOf(apps);
  }

  /** The apps every virtual handset has: Settings, Messaging, Contacts. */
  public static Apps standard() {
    List<App> list = new ArrayList<>();
    list.add(new App(SettingsScreen.PACKAGE, "Settings", ui -> new SettingsScreen()));
    list.add(new App(MessagingScreens.PACKAGE, "Messaging", ui -> new MessagingScreens.ConversationList()));
    list.add(new App(ContactsScreens.PACKAGE, "Contacts", ui -> new ContactsScreens.People()));
    return new Apps(list);
  }

  public List<App> all() {
    return apps;
  }

  public Optional<App> byPackage(String packageName) {
    return apps.stream().filter(a -> a.packageName().equals(packageName)).findFirst();
  }
}
