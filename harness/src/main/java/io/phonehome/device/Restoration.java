package io.phonehome.device;

import io.phonehome.device.phone.ContentRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the lab changed on one phone, and its undoing: the messages and contacts a
 * scenario planted (deleted at the end of each test), the proxy setting (put back as it
 * was found) and the lab CA (removed) at the end of the run. Every undo is checked by
 * reading the phone again. A step that fails at the end of the run is tried once more
 * after the phone is re-connected (a network phone that dropped off adb is connected
 * again); what still fails is {@linkplain #unrestored() named}, never dropped.
 *
 * <pre>{@code
 * Restoration restore = new Restoration(phone, log);
 * restore.proxy(phone.proxySetting(), "127.0.0.1");   // before the lab's proxy is set
 * restore.planted(new Restoration.Planted(body, contactName));
 * restore.tidy();                                     // end of a test
 * restore.close();                                    // end of the run
 * List<String> left = restore.unrestored();
 * }</pre>
 */
public final class Restoration implements AutoCloseable {
  /** How long the retry waits for a phone that dropped off to come back. */
  static final Duration RECONNECT = Duration.ofSeconds(20);
  static final String SMS = "content://sms";
  static final String PHONES = "content://com.android.contacts/data/phones";
  static final String CONTACT = "content://com.android.contacts/contacts/";

  /** An SMS text and a contact name a scenario put on the phone; either may be null. */
  public record Planted(String smsBody, String contactName) {}

  private final AndroidDevice phone;
  private final Consumer<String> log;
  private final List<Planted> planted = new ArrayList<>();
  /** Settings the scenarios changed, {@code namespace:key} to the value found (null: unset). */
  private final Map<String, String> settingsFound = new LinkedHashMap<>();
  private final List<String> unrestored = new ArrayList<>();
  private Optional<String> proxyFound;
  private String labProxyHost;
  private boolean ca;
  private boolean closed;

  public Restoration(AndroidDevice phone, Consumer<String> log) {
    this.phone = phone;
    this.log = log;
  }

  /**
   * The proxy setting as found, read before the lab sets its own; restored at the end. A
   * setting that names the lab's proxy host was left by an earlier run that did not end
   * cleanly, and is cleared rather than put back.
   */
  public synchronized void proxy(Optional<String> found, String labProxyHost) {
    this.proxyFound = found;
    this.labProxyHost = labProxyHost;
  }

  /** The lab CA was installed; removed at the end. */
  public synchronized void caInstalled() {
    this.ca = true;
  }

  /**
   * Settings a scenario changed (the privacy switches it turned), each with the value it
   * had before ({@code null}: unset). The first value recorded for a setting is the one
   * put back at the end.
   */
  public synchronized void settingsChanged(Map<String, String> before) {
    before.forEach(settingsFound::putIfAbsent);
  }

  /** Something a scenario is about to plant; record it before planting, so a half-done plant is undone too. */
  public synchronized void planted(Planted what) {
    planted.add(what);
  }

  /**
   * Deletes what was planted since the last tidy. What could not be deleted stays on the
   * list for the end of the run; returns a line per problem (empty when all went).
   */
  public synchronized List<String> tidy() {
    List<String> problems = new ArrayList<>();
    for (Planted p : List.copyOf(planted)) {
      try {
        deletePlanted(p);
        planted.remove(p);
        log.accept("restored: planted " + describe(p));
      } catch (RuntimeException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  /**
   * Undoes everything still to undo; a step that fails is tried once more after the phone
   * is re-connected. Call once, at the end of the run.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Map<String, Runnable> steps = new LinkedHashMap<>();
    for (Planted p : List.copyOf(planted)) {
      steps.put("planted " + describe(p), () -> deletePlanted(p));
    }
    if (!settingsFound.isEmpty()) {
      steps.put("settings (" + String.join(", ", settingsFound.keySet()) + ")", this::restoreSettings);
    }
    if (proxyFound != null) {
      steps.put("proxy setting", this::restoreProxy);
    }
    if (ca) {
      steps.put("lab CA", phone::removeCa);
    }
    Map<String, String> failed = run(steps);
    if (failed.isEmpty()) {
      planted.clear();
      return;
    }
    String back = reconnect();
    steps.keySet().retainAll(failed.keySet());
    Map<String, String> still = run(steps);
    for (Map.Entry<String, String> e : still.entrySet()) {
      unrestored.add(e.getKey() + " not undone: " + e.getValue());
    }
    if (!still.isEmpty()) {
      unrestored.add("tried again after " + back);
    }
    planted.clear();
  }

  /** What could not be undone at the end of the run; empty when the phone was left as found. */
  public synchronized List<String> unrestored() {
    return List.copyOf(unrestored);
  }

  /**
   * Runs the steps in order; after one fails the rest are not tried in this round (a
   * phone that is away would make each wait for it), and fail with the same reason.
   */
  private Map<String, String> run(Map<String, Runnable> steps) {
    Map<String, String> failed = new LinkedHashMap<>();
    for (Map.Entry<String, Runnable> step : steps.entrySet()) {
      if (!failed.isEmpty()) {
        failed.put(step.getKey(), failed.values().iterator().next());
        continue;
      }
      try {
        step.getValue().run();
        log.accept("restored: " + step.getKey());
      } catch (RuntimeException e) {
        failed.put(step.getKey(), oneLine(e.getMessage()));
        log.accept("could not restore " + step.getKey() + ": " + oneLine(e.getMessage()));
      }
    }
    return failed;
  }

  private String reconnect() {
    try {
      phone.waitForBoot(RECONNECT);
      return "re-connecting the phone";
    } catch (RuntimeException e) {
      return "waiting " + RECONNECT.toSeconds() + " s for the phone to come back: " + oneLine(e.getMessage());
    }
  }

  /** Puts back each changed setting as found (deleting one that was unset), then reads it back. */
  private void restoreSettings() {
    for (Map.Entry<String, String> e : settingsFound.entrySet()) {
      int colon = e.getKey().indexOf(':');
      String namespace = e.getKey().substring(0, colon);
      String key = e.getKey().substring(colon + 1);
      if (e.getValue() == null) {
        phone.shell("settings delete " + namespace + " " + key);
      } else {
        phone.putSetting(namespace, key, e.getValue());
      }
      Optional<String> now = phone.setting(namespace, key);
      if (!now.equals(Optional.ofNullable(e.getValue()))) {
        throw new DeviceException(e.getKey() + " reads " + now.orElse("unset") + " after restoring it to "
            + (e.getValue() == null ? "unset" : e.getValue()));
      }
    }
  }

  private void restoreProxy() {
    Optional<String> found = proxyFound;
    if (found.filter(v -> v.startsWith(labProxyHost + ":")).isPresent()) {
      log.accept("the proxy setting found (" + found.get() + ") names the lab's proxy host: left by an earlier"
          + " run, cleared");
      found = Optional.empty();
    }
    phone.restoreProxy(found);
  }

  /** Deletes the planted SMS and contact, then reads the phone again to be sure. */
  private void deletePlanted(Planted p) {
    if (p.smsBody() != null) {
      delete(SMS, "body", p.smsBody(), "_id", SMS + "/", "the planted SMS '" + p.smsBody() + "' is still on the phone"
          + " after 'content delete' (Android 4.4 and later let only the default SMS app delete messages)");
    }
    if (p.contactName() != null) {
      delete(PHONES, "display_name", p.contactName(), "contact_id", CONTACT, "the planted contact '"
          + p.contactName() + "' is still on the phone after 'content delete'");
    }
  }

  /**
   * Deletes, one by one ({@code byId} + id), the rows of {@code uri} whose {@code column}
   * is {@code value}, then queries again: rows still there are a DeviceException saying
   * {@code stillThere}.
   */
  private void delete(String uri, String column, String value, String id, String byId, String stillThere) {
    for (String n : ids(uri, column, value, id)) {
      phone.shell("content delete --uri " + byId + n);
    }
    if (!ids(uri, column, value, id).isEmpty()) {
      throw new DeviceException(phone.name() + ": " + stillThere);
    }
  }

  /** The {@code id} column of the rows of {@code uri} whose {@code column} is {@code value}. */
  private List<String> ids(String uri, String column, String value, String id) {
    String out = phone.shell("content query --uri " + uri);
    if (out.startsWith("Error")) {
      throw new DeviceException(phone.name() + ": content query --uri " + uri + " answered: " + oneLine(out));
    }
    return ContentRows.parse(out).stream()
        .filter(r -> value.equals(r.get(column)))
        .map(r -> r.get(id))
        .filter(v -> v != null && v.matches("\\d+"))
        .distinct()
        .toList();
  }

  private static String describe(Planted p) {
    List<String> what = new ArrayList<>();
    if (p.smsBody() != null) {
      what.add("SMS '" + p.smsBody() + "'");
    }
    if (p.contactName() != null) {
      what.add("contact '" + p.contactName() + "'");
    }
    return String.join(" and ", what);
  }

  private static String oneLine(String s) {
    return String.valueOf(s).lines().findFirst().orElse("").trim();
  }
}
