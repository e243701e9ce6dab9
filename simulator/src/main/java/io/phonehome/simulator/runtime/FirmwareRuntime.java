package io.phonehome.simulator.runtime;

import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.Service;
import io.phonehome.simulator.firmware.Trigger;
import io.phonehome.simulator.net.HandsetNetwork;
import io.phonehome.simulator.net.HttpRequest;
import io.phonehome.simulator.net.HttpResponse;
import io.phonehome.simulator.net.LoopbackSink;
import io.phonehome.simulator.net.UploadFailure;
import io.phonehome.simulator.state.PhoneState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the firmware's services while the handset is up. {@link #start()} fires the
 * {@code boot} services, arms the {@code every:Ns} timers (first run after N seconds) and
 * listens for {@code setting:} changes; {@link #fire} runs event services
 * ({@code sms-sent}, {@code contact-added}). Each service's {@code when} is checked
 * against the live settings at fire time. Uploads run in the background; a failure is
 * one line on stderr ({@code [firmware] NAME: REASON}) and never stops the handset.
 * {@link #stop()} cancels everything within about a second; start and stop may repeat
 * (a reboot is stop then start).
 */
public final class FirmwareRuntime {
  /** How long uploads in flight may go on once the runtime stops. */
  private static final java.time.Duration GRACE = java.time.Duration.ofMillis(500);

  private final PhoneState state;
  private final HandsetNetwork network;
  private final List<Consumer<Upload>> listeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService timers;
  private ExecutorService uploads;
  private volatile boolean running;

  public FirmwareRuntime(PhoneState state, LoopbackSink sink) {
    this.state = state;
    this.network = new HandsetNetwork(state, sink);
    // Settings has no way to unsubscribe, so one listener lives as long as the runtime
    // and does nothing while the handset is down.
    state.settings().onChange(this::settingChanged);
  }

  /** Fires boot services and arms timers and setting triggers. Does nothing when running. */
  public synchronized void start() {
    if (running) {
      return;
    }
    timers = Executors.newSingleThreadScheduledExecutor(daemon("firmware-timer"));
    uploads = Executors.newCachedThreadPool(daemon("firmware-upload"));
    running = true;
    for (Service s : profile().services()) {
      if (s.trigger().kind() == Trigger.Kind.EVERY) {
        long period = s.trigger().period().toMillis();
        timers.scheduleAtFixedRate(() -> submit(s, Map.of()), period, period, TimeUnit.MILLISECONDS);
      }
    }
    fire(Trigger.Kind.BOOT, Map.of());
  }

  /** Cancels timers and in-flight uploads; safe to call twice, waits at most about a second. */
  public void stop() {
    ExecutorService u;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      timers.shutdownNow();
      u = uploads;
      u.shutdown();
    }
    try {
      // uploads in flight get a moment to finish, as on a phone shutting down; a TLS
      // handshake cut short would look like a phone refusing the lab CA
      if (!u.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        u.shutdownNow();
        network.abortAll();
        u.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      u.shutdownNow();
      network.abortAll();
      Thread.currentThread().interrupt();
    }
  }

  public boolean running() {
    return running;
  }

  /**
   * Runs every service with this trigger kind, in the background; ignored while stopped.
   * Each service's {@code when} is decided now.
   *
   * <pre>
   * runtime.fire(Trigger.Kind.SMS_SENT, Map.of("sms.to", "+886955000111", "sms.body", text));
   * runtime.fire(Trigger.Kind.CONTACT_ADDED, Map.of("contacts", String.join(",", allNumbers)));
   * </pre>
   *
   * @param kind {@code SMS_SENT} or {@code CONTACT_ADDED}; timers and setting triggers are
   *     driven by the runtime itself ({@code EVERY}, {@code SETTING}, {@code BOOT} here run
   *     all services of that kind once)
   * @param context the event's placeholder values ({@code sms.body}, {@code sms.to}); they
   *     override the identity's values of the same name, so an event may pass the current
   *     {@code contacts} when the handset's contact list has grown
   */
  public void fire(Trigger.Kind kind, Map<String, String> context) {
    if (!running) {
      return;
    }
    for (Service s : profile().services()) {
      if (s.trigger().kind() == kind) {
        submit(s, context);
      }
    }
  }

  /** Called after each upload a service attempted (not when its {@code when} kept it quiet). */
  public void onUpload(Consumer<Upload> listener) {
    listeners.add(listener);
  }

  /** The network the firmware uses, for callers that send on the handset's behalf. */
  public HandsetNetwork network() {
    return network;
  }

  private void settingChanged(String key, String value) {
    if (!running) {
      return;
    }
    for (Service s : profile().services()) {
      if (s.trigger().kind() == Trigger.Kind.SETTING && s.trigger().setting().equals(key)) {
        submit(s, Map.of());
      }
    }
  }

  private FirmwareProfile profile() {
    return state.firmware();
  }

  private void submit(Service service, Map<String, String> context) {
    ExecutorService u = uploads;
    if (!running || u == null) {
      return;
    }
    // when is decided as the trigger fires, so a switch flipped a moment later cannot
    // change what an event already set in motion
    boolean allowed = service.condition().map(c -> c.test(k -> state.settings().get(k))).orElse(true);
    if (!allowed) {
      return;
    }
    Map<String, String> ctx = Map.copyOf(context);
    try {
      u.execute(() -> run(service, ctx));
    } catch (RejectedExecutionException e) {
      // stopping: the upload would have been cut off anyway
    }
  }

  private void run(Service service, Map<String, String> context) {
    if (!running) {
      return;
    }
    String url = service.url().source();
    try {
      FirmwareProfile.Build build = profile().build();
      if (RawTarget.isRaw(url)) {
        url = service.url().renderText(values(context), build.fingerprint());
        RawTarget target = RawTarget.parse(url);
        byte[] payload = service.bodyTemplate().map(b -> b.render(values(context), build.fingerprint()))
            .orElse(new byte[0]);
        network.sendRaw(target.scheme(), target.host(), target.port(), payload);
        publish(new Upload(service.name(), url, 0, null));
        return;
      }
      HttpRequest request = RequestRenderer.render(service, build, values(context));
      url = request.url().toString();
      HttpResponse response = network.send(request, service.route(), service.tls());
      publish(new Upload(service.name(), url, response.status(), null));
    } catch (UploadFailure | RuntimeException e) {
      if (running) {
        String reason = String.valueOf(e.getMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " ");
        System.err.println("[firmware] " + service.name() + ": " + reason);
        publish(new Upload(service.name(), url, 0, reason));
      }
    }
  }

  /**
   * Placeholder values: the event's own first, then the phone's contact list as it is
   * now, then what the radio reports (the carrier and Android ID have defaults there),
   * then the rest of the identity.
   */
  private java.util.function.Function<String, String> values(Map<String, String> context) {
    java.util.function.Function<String, String> identity = RequestRenderer.values(state.identity(), context);
    return name -> {
      if (context.containsKey(name)) {
        return context.get(name);
      }
      if (name.equals("contacts")) {
        return state.contacts().numbers();
      }
      return state.telephony().value(name).orElseGet(() -> identity.apply(name));
    };
  }

  private void publish(Upload upload) {
    for (Consumer<Upload> l : listeners) {
      try {
        l.accept(upload);
      } catch (RuntimeException e) {
        System.err.println("[firmware] upload listener failed: " + e);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
