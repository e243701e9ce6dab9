package io.phonehome.simulator.webdriver.ui;

import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.telephony.Messenger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The handset's screen: the stack of screens the user went through, the launcher at its
 * bottom. Every change of the screen shown moves the generation on, which is how element
 * references to views of a screen that is gone become stale.
 */
public final class Ui {
  public static final int WIDTH = 1080;
  public static final int HEIGHT = 2340;
  public static final int STATUS_BAR_HEIGHT = 72;

  private final PhoneState state;
  private final Apps apps;
  private final Messenger messenger;
  private final Deque<Screen> stack = new ArrayDeque<>();
  private long generation;

  /** A screen whose Messaging and Contacts apps store what they send but fire no firmware service. */
  public Ui(PhoneState state, Apps apps) {
    this(state, apps, new Messenger(state, null));
  }

  public Ui(PhoneState state, Apps apps, Messenger messenger) {
    this.state = Objects.requireNonNull(state, "state");
    this.apps = Objects.requireNonNull(apps, "apps");
    this.messenger = Objects.requireNonNull(messenger, "messenger");
    stack.push(new LauncherScreen());
  }

  /** What the Messaging and Contacts apps call to send a text or save a contact. */
  public Messenger messenger() {
    return messenger;
  }

  public PhoneState state() {
    return state;
  }

  public Apps apps() {
    return apps;
  }

  public synchronized Screen current() {
    return stack.peek();
  }

  /** Moves on every navigation; views rendered under an older generation are stale. */
  public synchronized long generation() {
    return generation;
  }

  /** Renders the current screen now. */
  public synchronized RenderedTree render() {
    return new RenderedTree(current().render(this), generation);
  }

  public synchronized void open(Screen screen) {
    stack.push(Objects.requireNonNull(screen, "screen"));
    generation++;
  }

  /** Goes up one screen, as the back key does; on the launcher it stays there. */
  public synchronized void back() {
    if (stack.size() > 1) {
      stack.pop();
    }
    generation++;
  }

  public synchronized void home() {
    while (stack.size() > 1) {
      stack.pop();
    }
    generation++;
  }

  /** Brings an app to the front on its first screen, as {@code mobile: activateApp} does. */
  public synchronized void launch(String packageName) {
    App app = apps.byPackage(packageName).orElseThrow(() -> new IllegalArgumentException(
        "no app with package " + packageName + " on this handset (installed: "
            + apps.all().stream().map(App::packageName).toList() + ")"));
    if (current().packageName().equals(packageName)) {
      return;
    }
    home();
    open(app.launch().apply(this));
  }

  /**
   * Brings an app to the front on {@code first}, as starting its activity from outside
   * does; an app already in front on that activity stays as it is.
   */
  public synchronized void launch(Screen first) {
    Screen now = current();
    if (now.packageName().equals(first.packageName()) && now.activity().equals(first.activity())) {
      return;
    }
    home();
    open(first);
  }

  /** Closes every screen of an app (it was force-stopped); the launcher stays. */
  public synchronized void close(String packageName) {
    if (stack.stream().noneMatch(s -> s.packageName().equals(packageName))) {
      return;
    }
    stack.removeIf(s -> s.packageName().equals(packageName) && !(s instanceof LauncherScreen));
    generation++;
  }

  /** Tells element references that the current screen's layout changed. */
  public synchronized void invalidate() {
    generation++;
  }
}
