package io.phonehome.capture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows one capture proxy saw, assembled from the bridge's events as they arrive.
 * Thread-safe: the bridge reader feeds it while tests read and wait on it.
 *
 * <pre>{@code
 * Capture capture = proxy.capture();
 * capture.onFlow(f -> log.info("{} {} {}", f.index(), f.method(), f.url()));
 * capture.awaitIdle(Duration.ofSeconds(2), Duration.ofSeconds(30));
 * List<Flow> flows = capture.flows();
 * }</pre>
 */
public final class Capture {
  private static final Logger LOG = LoggerFactory.getLogger(Capture.class);

  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<FlowBuilder> builders = new ArrayList<>();
  private final Map<String, FlowBuilder> open = new HashMap<>();
  /** Requests whose body was still arriving when the bridge last reported them. */
  private final Map<String, FlowBuilder> inFlight = new HashMap<>();
  private final List<Consumer<Flow>> listeners = new CopyOnWriteArrayList<>();
  private long lastChangeNanos = System.nanoTime();
  private final AtomicInteger linesSeen = new AtomicInteger();
  private int malformed;
  private String firstMalformed;

  /** An empty capture; {@code name} (the device, say) labels its log lines. */
  public Capture(String name) {
    this.name = name;
  }

  /** Calls {@code listener} with each new flow, as its request (or TLS failure) is seen. */
  public void onFlow(Consumer<Flow> listener) {
    listeners.add(listener);
  }

  /**
   * Takes one line from the bridge. A line that is not a bridge event is logged with its
   * line number, counted in {@link #malformedEvents()} and skipped.
   */
  public void acceptLine(String line) {
    int lineNumber = linesSeen.incrementAndGet();
    if (line.isBlank()) {
      return;
    }
    BridgeEvent event;
    try {
      event = BridgeEvents.parse(line);
    } catch (BridgeEvents.MalformedEventException e) {
      skipped(lineNumber, e, line);
      return;
    }
    accept(event);
  }

  /**
   * Takes the UTF-8 line in {@code bytes[offset, offset + length)}, without its newline, as
   * {@link #acceptLine(String)} does; the bridge reader hands lines over this way, with no
   * String made of the whole line.
   */
  void acceptLine(byte[] bytes, int offset, int length) {
    int lineNumber = linesSeen.incrementAndGet();
    if (isBlank(bytes, offset, length)) {
      return;
    }
    BridgeEvent event;
    try {
      event = BridgeEvents.parse(bytes, offset, length);
    } catch (BridgeEvents.MalformedEventException e) {
      skipped(lineNumber, e, new String(bytes, offset, Math.min(length, 200), StandardCharsets.UTF_8));
      return;
    }
    accept(event);
  }

  private void skipped(int lineNumber, BridgeEvents.MalformedEventException e, String line) {
    LOG.warn("{}: bridge line {} skipped: {}: {}", name, lineNumber, e.getMessage(),
        abbreviate(line));
    lock.lock();
    try {
      malformed("line " + lineNumber + ", " + e.getMessage() + ": "
          + (line.length() <= 60 ? line : line.substring(0, 57) + "..."));
      touch();
    } finally {
      lock.unlock();
    }
  }

  private void malformed(String what) {
    if (malformed++ == 0) {
      firstMalformed = what;
    }
  }

  private static boolean isBlank(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (!Character.isWhitespace(bytes[i])) {
        return false;
      }
    }
    return true;
  }

  /** Takes one parsed bridge event. */
  public void accept(BridgeEvent event) {
    Flow created = null;
    lock.lock();
    try {
      // if-chain, not a pattern switch: that is a preview feature in Java 17
      if (event instanceof BridgeEvent.Request r) {
        FlowBuilder earlier = inFlight.remove(r.id());
        if (earlier != null) {
          // the upload reported in flight has arrived whole: same flow, same index
          earlier.arrived(r);
          open.put(r.id(), earlier);
        } else {
          FlowBuilder b = FlowBuilder.request(builders.size(), r);
          builders.add(b);
          open.put(r.id(), b);
          // a Flow copies the body: make it only for someone who listens
          created = listeners.isEmpty() ? null : b.build();
        }
      } else if (event instanceof BridgeEvent.InFlight f) {
        FlowBuilder b = inFlight.get(f.id());
        if (b != null) {
          b.stillArriving(f);
        } else if (!open.containsKey(f.id())) {
          b = FlowBuilder.inFlight(builders.size(), f);
          builders.add(b);
          inFlight.put(f.id(), b);
          created = listeners.isEmpty() ? null : b.build();
        }
      } else if (event instanceof BridgeEvent.TlsFailed t) {
        FlowBuilder b = FlowBuilder.tlsFailed(builders.size(), t);
        builders.add(b);
        created = listeners.isEmpty() ? null : b.build();
      } else if (event instanceof BridgeEvent.Response r) {
        complete(r.id(), b -> b.response = new Flow.Response(r.status(), r.headers(), r.body()));
      } else if (event instanceof BridgeEvent.Error e) {
        FlowBuilder cut = inFlight.remove(e.id());
        if (cut != null) {
          cut.cutShort(e.message());
        } else {
          complete(e.id(), b -> b.error = e.message());
        }
      }
      touch();
    } finally {
      lock.unlock();
    }
    if (created != null) {
      for (Consumer<Flow> listener : listeners) {
        try {
          listener.accept(created);
        } catch (RuntimeException e) {
          LOG.warn("{}: flow listener failed: {}", name, e.toString());
        }
      }
    }
  }

  private void complete(String id, Consumer<FlowBuilder> change) {
    FlowBuilder b = open.remove(id);
    if (b == null) {
      LOG.warn("{}: bridge event for unknown flow {} skipped", name, id);
      malformed("an event for flow " + id + ", which the bridge never reported");
      return;
    }
    change.accept(b);
  }

  private void touch() {
    lastChangeNanos = System.nanoTime();
    changed.signalAll();
  }

  /** Every flow so far, in index order. */
  public List<Flow> flows() {
    lock.lock();
    try {
      return builders.stream().map(FlowBuilder::build).toList();
    } finally {
      lock.unlock();
    }
  }

  /** The flows seen at or after {@code since}. */
  public List<Flow> flowsSince(Instant since) {
    return flows().stream().filter(f -> !f.time().isBefore(since)).toList();
  }

  /** How many flows were seen. */
  public int size() {
    lock.lock();
    try {
      return builders.size();
    } finally {
      lock.unlock();
    }
  }

  /** Requests still waiting for their response or error. */
  public int pending() {
    lock.lock();
    try {
      return open.size();
    } finally {
      lock.unlock();
    }
  }

  /** Uploads the bridge last reported as still arriving, their bodies not yet whole. */
  public int inFlight() {
    lock.lock();
    try {
      return inFlight.size();
    } finally {
      lock.unlock();
    }
  }

  /** Lines from the bridge that could not be used (garbage, or events for unknown flows). */
  public int malformedEvents() {
    lock.lock();
    try {
      return malformed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Why this capture may lack flows: bridge lines it could not use, each of which may have
   * been a flow of the phone's; empty while every line was read.
   */
  public Optional<String> unreadEvents() {
    lock.lock();
    try {
      return malformed == 0 ? Optional.empty()
          : Optional.of(malformed + (malformed == 1 ? " bridge event" : " bridge events")
              + " could not be read, so the capture may lack flows (first: " + firstMalformed + ")");
    } finally {
      lock.unlock();
    }
  }

  /** Waits until at least {@code count} flows were seen; false on timeout. */
  public boolean awaitFlowCount(int count, Duration timeout) throws InterruptedException {
    return awaitSnapshot(flows -> flows.size() >= count, timeout).isPresent();
  }

  /**
   * Waits until at least {@code count} flows were seen and no request waits for its
   * response or error; false on timeout. Unlike {@link #awaitFlowCount} it builds no
   * snapshot, so it is cheap to call while traffic flows.
   */
  public boolean awaitSettled(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (builders.size() < count || !open.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits for a flow matching {@code condition}; empty on timeout. */
  public Optional<Flow> awaitFlow(Predicate<Flow> condition, Duration timeout)
      throws InterruptedException {
    return awaitSnapshot(flows -> flows.stream().anyMatch(condition), timeout)
        .flatMap(flows -> flows.stream().filter(condition).findFirst());
  }

  /** Waits for a completed flow (response or error arrived) matching {@code condition}. */
  public Optional<Flow> awaitCompletedFlow(Predicate<Flow> condition, Duration timeout)
      throws InterruptedException {
    return awaitFlow(
        f -> (f.response().isPresent() || f.error().isPresent()
            || f.channel() != Channel.PROXY) && condition.test(f),
        timeout);
  }

  private Optional<List<Flow>> awaitSnapshot(Predicate<List<Flow>> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        List<Flow> snapshot = builders.stream().map(FlowBuilder::build).toList();
        if (condition.test(snapshot)) {
          return Optional.of(snapshot);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until nothing arrived for {@code quiet} and no request waits for its response;
   * false when that did not happen within {@code timeout}.
   */
  public boolean awaitIdle(Duration quiet, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        long now = System.nanoTime();
        long quietLeft = lastChangeNanos + quiet.toNanos() - now;
        if (quietLeft <= 0 && open.isEmpty()) {
          return true;
        }
        long left = deadline - now;
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(Math.min(left, quietLeft > 0 ? quietLeft : left));
      }
    } finally {
      lock.unlock();
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 117) + "...";
  }

  /** Mutable while the bridge completes it; read as immutable {@link Flow} snapshots. */
  private static final class FlowBuilder {
    private final int index;
    private final Instant time;
    private final Channel channel;
    private final String method;
    private final String url;
    private final String host;
    private List<Header> headers;
    private byte[] body;
    private Flow.Response response;
    private String error;
    private ByteCount bytes;
    /** Why the body is not whole; null once it is (and for flows that never lacked one). */
    private String incomplete;
    /** The body length the request announced, -1 where unknown. */
    private long expected = -1;

    private FlowBuilder(int index, Instant time, Channel channel, String method, String url,
        String host, List<Header> headers, byte[] body, String error) {
      this.index = index;
      this.time = time;
      this.channel = channel;
      this.method = method;
      this.url = url;
      this.host = host;
      this.headers = headers;
      this.body = body;
      this.error = error;
    }

    static FlowBuilder request(int index, BridgeEvent.Request r) {
      return new FlowBuilder(index, r.time(), Channel.PROXY, r.method(), r.url(), r.host(),
          r.headers(), r.body(), null);
    }

    static FlowBuilder inFlight(int index, BridgeEvent.InFlight f) {
      FlowBuilder b = new FlowBuilder(index, f.time(), Channel.PROXY, f.method(), f.url(), f.host(),
          f.headers(), f.arrived(), null);
      b.stillArriving(f);
      return b;
    }

    /** A later report of the same upload: more of its body has arrived. */
    void stillArriving(BridgeEvent.InFlight f) {
      headers = f.headers();
      body = f.arrived();
      incomplete = "upload still in flight when the window closed: " + arrivedOf(f.expected());
    }

    /** The phone ended the upload before its body was whole. */
    void cutShort(String why) {
      error = why;
      incomplete = "upload cut short: " + arrivedOf(expected);
    }

    /** The whole request arrived after all. */
    void arrived(BridgeEvent.Request r) {
      headers = r.headers();
      body = r.body();
      incomplete = null;
    }

    private String arrivedOf(long announced) {
      expected = announced;
      return announced >= 0
          ? body.length + " of " + announced + " bytes arrived"
          : body.length + " bytes arrived, of a length the request did not announce";
    }

    static FlowBuilder tlsFailed(int index, BridgeEvent.TlsFailed t) {
      // without SNI the CONNECT target is the best name for where the phone was going
      String host = !t.sni().isEmpty() ? t.sni()
          : t.server().isEmpty() ? "unknown" : t.server().replaceFirst(":\\d+$", "");
      String port = t.server().matches(".*:\\d+$") ? t.server().replaceFirst(".*:", "") : "443";
      FlowBuilder b = new FlowBuilder(index, t.time(), Channel.TLS_REFUSED, "",
          "https://" + host + ":" + port, host, List.of(), new byte[0], tlsError(t));
      // the bridge counts the ClientHello; what the proxy answered with is not counted
      b.bytes = ByteCount.sentOnly(t.bytes());
      return b;
    }

    private static String tlsError(BridgeEvent.TlsFailed t) {
      String error = t.error().isEmpty() ? "TLS handshake failed" : t.error();
      return t.bytes() > 0 ? error + " (client sent " + t.bytes() + " bytes)" : error;
    }

    Flow build() {
      return new Flow(index, time, channel, method, url, host, headers, body,
          Optional.ofNullable(response), Optional.ofNullable(error), Optional.ofNullable(bytes),
          Optional.ofNullable(incomplete));
    }
  }
}
