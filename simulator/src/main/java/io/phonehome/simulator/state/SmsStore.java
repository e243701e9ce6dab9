package io.phonehome.simulator.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handset's SMS provider: messages in the order they were stored, one thread per
 * address, and the radio's message reference counter (from 1, as the GSM stack numbers
 * the texts it hands to the carrier).
 */
public final class SmsStore {
  private final List<SmsMessage> messages = new ArrayList<>();
  private final Map<String, Long> threads = new LinkedHashMap<>();
  private int messageRef;
  private long lastId;

  /** Stores a message and returns it with its id and thread. */
  public synchronized SmsMessage add(String address, String body, int type, long date) {
    long thread = threads.computeIfAbsent(address, a -> (long) threads.size() + 1);
    SmsMessage m = new SmsMessage(++lastId, thread, address, date, 1, -1, type, body);
    messages.add(m);
    return m;
  }

  /** Deletes a message (ids are never reused); false when there is none with that id. */
  public synchronized boolean remove(long id) {
    return messages.removeIf(m -> m.id() == id);
  }

  /** All messages, oldest first. */
  public synchronized List<SmsMessage> all() {
    return List.copyOf(messages);
  }

  /** The next message reference the radio gives a text sent through the carrier. */
  public synchronized int nextMessageRef() {
    return ++messageRef;
  }
}
