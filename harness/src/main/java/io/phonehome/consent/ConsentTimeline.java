package io.phonehome.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The phone's consent state over time: each entry holds from its instant until the next.
 * A scenario records one entry each time it reads the switches back (after booting, after
 * each change), and the policy judges every flow under the state the phone had when the
 * flow was seen.
 *
 * <pre>{@code
 * ConsentTimeline timeline = ConsentTimeline.starting(bootedAt, settings.read())
 *     .then(Instant.now(), settings.read());      // after turning cloud messaging off
 * ConsentPolicy policy = ConsentPolicyFile.read(spec.consentPolicy().orElseThrow()).under(timeline);
 * }</pre>
 *
 * @param entries the recorded states, ordered by time (entries at the same instant keep
 *     the order they were recorded in; the later one wins)
 */
public record ConsentTimeline(List<Entry> entries) {

  /** The consent state recorded at one instant. */
  public record Entry(Instant from, ConsentState state) {
    public Entry {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(state, "state");
    }
  }

  /** The state in force at a given time, and whether that time is before the first entry. */
  public record At(ConsentState state, boolean beforeFirstEntry) {}

  public ConsentTimeline {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a consent timeline needs at least one state");
    }
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Entry::from)); // stable: same-instant entries keep their order
    entries = List.copyOf(sorted);
  }

  /** A timeline that starts with {@code state} at {@code from}. */
  public static ConsentTimeline starting(Instant from, ConsentState state) {
    return new ConsentTimeline(List.of(new Entry(from, state)));
  }

  /** One state for all time (an offline audit, or a scenario that never changes a switch). */
  public static ConsentTimeline constant(ConsentState state) {
    return starting(Instant.MIN, state);
  }

  /** This timeline with {@code state} in force from {@code from} on. */
  public ConsentTimeline then(Instant from, ConsentState state) {
    List<Entry> more = new ArrayList<>(entries);
    more.add(new Entry(from, state));
    return new ConsentTimeline(more);
  }

  /**
   * The state at {@code time}: the latest entry at or before it; before the first entry,
   * the first entry's state, flagged as such.
   */
  public At at(Instant time) {
    Objects.requireNonNull(time, "time");
    Entry current = null;
    for (Entry e : entries) {
      if (e.from().isAfter(time)) {
        break;
      }
      current = e;
    }
    return current == null ? new At(entries.get(0).state(), true) : new At(current.state(), false);
  }

  /** The state at {@code time} (see {@link #at}). */
  public ConsentState stateAt(Instant time) {
    return at(time).state();
  }
}
