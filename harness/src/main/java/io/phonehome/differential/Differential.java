package io.phonehome.differential;

import io.phonehome.capture.Flow;
import io.phonehome.detect.Finding;
import io.phonehome.detect.Location;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares two runs of one scenario that planted different values, and reports uploads
 * that follow the planted values even where no transform reveals them (a cipher under a
 * key of the build's own): encoding {@code opaque}, with the flow's channel and host.
 *
 * <p>Flows are grouped by {@link Endpoint}. An endpoint is reported when
 * <ul>
 *   <li>its request body (or URL) has one size in each run, the sizes differ, and the
 *       difference is a planted value's change in length times a plausible expansion
 *       ({@link Expansion}); or</li>
 *   <li>it appears in one run only, and every flow to it the whole capture holds lies
 *       within {@link #PRESENCE_WINDOW} of that run's planting step; or</li>
 *   <li>its request body (or URL) keeps its size and is byte-identical in every flow of
 *       each run (at least {@link #MIN_CONSTANT_FLOWS} flows in each), but differs between
 *       the runs: it follows the planted values or the switched identity (a fixed-key
 *       cipher of the IMEI, whose size never changes).</li>
 * </ul>
 * Endpoints whose size varies within a run (timestamps, counters) are not compared;
 * periodic services show up in both runs with the same size, or outside the planting
 * window. An endpoint where the detector already found the planted value is not
 * reported again.
 *
 * <pre>{@code
 * DifferentialResult r = Differential.compare(first, second, capture.flows(), detectorFindings);
 * r.findings().forEach(f -> policy.judge(f));
 * }</pre>
 */
public final class Differential {
  /** How soon after the planting step a one-off upload must come to count as following it. */
  public static final Duration PRESENCE_WINDOW = Duration.ofSeconds(5);
  /** A planted value whose length changed less than this between the runs is not used for sizes. */
  public static final int MIN_VALUE_CHANGE = 12;
  /** How many flows each run must have for the content rule to call an endpoint constant. */
  public static final int MIN_CONSTANT_FLOWS = 2;
  /** The origin given to differential findings. */
  public static final String ORIGIN = "planted";

  private Differential() {}

  /**
   * Compares two runs.
   *
   * @param first the first run
   * @param second the second run, with values of other lengths
   * @param capture every flow the capture holds (both runs and what came before and
   *     between), to tell a one-off upload from a periodic one; may be empty
   * @param detected what the detector found in both runs: endpoints it explains are not
   *     reported again
   */
  public static DifferentialResult compare(PlantedRun first, PlantedRun second, List<Flow> capture,
      List<Finding> detected) {
    Map<Endpoint, List<Flow>> a = group(first.flows());
    Map<Endpoint, List<Flow>> b = group(second.flows());
    Set<String> explained = detected.stream()
        .map(f -> explainedKey(Endpoint.of(f), f.identifier()))
        .collect(Collectors.toSet());
    Set<Endpoint> endpoints = new LinkedHashSet<>(a.keySet());
    endpoints.addAll(b.keySet());
    List<Finding> findings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Endpoint e : endpoints) {
      List<Flow> fa = a.getOrDefault(e, List.of());
      List<Flow> fb = b.getOrDefault(e, List.of());
      if (fa.isEmpty() || fb.isEmpty()) {
        boolean inFirst = !fa.isEmpty();
        presence(e, inFirst ? first : second, inFirst ? second : first, inFirst ? 1 : 2, inFirst ? fa : fb,
            capture, explained, findings, notes);
      } else {
        for (Location where : List.of(Location.BODY, Location.URL)) {
          sizes(e, where, first, second, fa, fb, explained, findings, notes);
        }
      }
    }
    findings.sort(Comparator.comparing(Finding::time).thenComparingInt(Finding::flow));
    return new DifferentialResult(findings, notes);
  }

  private static void sizes(Endpoint e, Location where, PlantedRun first, PlantedRun second,
      List<Flow> fa, List<Flow> fb, Set<String> explained, List<Finding> findings, List<String> notes) {
    Set<Integer> sa = sizes(fa, where);
    Set<Integer> sb = sizes(fb, where);
    String what = e + " (" + where.wireName() + ")";
    if (sa.size() > 1 || sb.size() > 1) {
      notes.add(what + ": size varies within a run (" + sa + " then " + sb + "), not compared");
      return;
    }
    int before = sa.iterator().next();
    int after = sb.iterator().next();
    if (before == after) {
      if (!content(e, where, first, second, fa, fb, explained, findings, notes) && where == Location.BODY) {
        notes.add(what + ": " + before + " bytes in both runs");
      }
      return;
    }
    Optional<Fit> fit = bestFit(after - before, first.values(), second.values());
    String change = what + ": " + before + " -> " + after + " bytes";
    if (fit.isEmpty()) {
      notes.add(change + ", not in step with any planted value");
      return;
    }
    Fit f = fit.get();
    if (explained.contains(explainedKey(e, f.key()))) {
      notes.add(change + ", follows " + f.key() + ", which the detector already found there");
      return;
    }
    Flow flow = fb.get(0);
    String detail = "size follows " + f.key() + ": " + before + " -> " + after + " bytes (" + fa.get(0).id()
        + " of run 1, " + flow.id() + " of run 2) as " + f.key() + " went " + f.before() + " -> " + f.after() + " "
        + f.unit() + "; growth " + f.expansion().name();
    findings.add(new Finding(flow.index(), flow.time(), flow.method(), flow.host(), flow.url(), flow.channel(),
        f.key(), Finding.OPAQUE, where, detail, "", ORIGIN, flow.bytes()));
    notes.add(change + ", follows " + f.key() + ": reported");
  }

  /**
   * The content rule: an endpoint whose request body (or URL) is byte-identical in every
   * flow of each run, with at least {@link #MIN_CONSTANT_FLOWS} flows in each, but differs
   * between the runs follows what changed between them (a fixed-key cipher of the IMEI
   * keeps its size). Returns whether it added a note.
   */
  private static boolean content(Endpoint e, Location where, PlantedRun first, PlantedRun second,
      List<Flow> fa, List<Flow> fb, Set<String> explained, List<Finding> findings, List<String> notes) {
    if (fa.size() < MIN_CONSTANT_FLOWS || fb.size() < MIN_CONSTANT_FLOWS) {
      return false;
    }
    Set<String> ca = contents(fa, where);
    Set<String> cb = contents(fb, where);
    String what = e + " (" + where.wireName() + ")";
    if (ca.size() > 1 || cb.size() > 1 || ca.equals(cb)) {
      return false;
    }
    if (explained.stream().anyMatch(k -> k.startsWith(e + "\n" + e.host() + "\n"))) {
      notes.add(what + ": constant within each run, different between them, and the detector found a value there");
      return true;
    }
    List<String> sameLength = first.values().entrySet().stream()
        .filter(v -> second.values().containsKey(v.getKey()) && !second.values().get(v.getKey()).equals(v.getValue())
            && utf8(second.values().get(v.getKey())) == utf8(v.getValue()))
        .map(Map.Entry::getKey).toList();
    Optional<String> key = sameLength.stream().findFirst().or(() -> mostChanged(second.values(), first.values()));
    if (key.isEmpty()) {
      notes.add(what + ": constant within each run, different between them, but no planted value differs");
      return true;
    }
    Flow flow = fb.get(0);
    String detail = "content follows the planted identity/values: the same " + sizes(fa, where).iterator().next()
        + " bytes in each of the " + fa.size() + " flows of run 1 and the same other bytes in each of the " + fb.size()
        + " flows of run 2 (" + fa.get(0).id() + " of run 1, " + flow.id() + " of run 2)"
        + (sameLength.isEmpty() ? "" : "; changed without changing length: " + String.join(", ", sameLength));
    findings.add(new Finding(flow.index(), flow.time(), flow.method(), flow.host(), flow.url(), flow.channel(),
        key.get(), Finding.OPAQUE, where, detail, "", ORIGIN, flow.bytes()));
    notes.add(what + ": constant within each run, different between them, follows " + key.get() + ": reported");
    return true;
  }

  private static Set<String> contents(List<Flow> flows, Location where) {
    return flows.stream()
        .map(f -> where == Location.URL ? f.url() : java.util.HexFormat.of().formatHex(f.requestBody()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void presence(Endpoint e, PlantedRun run, PlantedRun other, int runNumber, List<Flow> flows,
      List<Flow> capture, Set<String> explained, List<Finding> findings, List<String> notes) {
    String what = e + ": only in run " + runNumber;
    Instant from = run.plantingStarted();
    Instant until = run.plantingEnded().plus(PRESENCE_WINDOW);
    long outside = Stream.of(capture, run.flows(), other.flows()).flatMap(List::stream)
        .filter(f -> Endpoint.of(f).equals(e))
        .filter(f -> f.time().isBefore(from) || f.time().isAfter(until))
        .count();
    if (outside > 0) {
      notes.add(what + ", but also seen outside its planting window (" + outside + " flows): not following it");
      return;
    }
    Optional<String> changed = mostChanged(run.values(), other.values());
    if (changed.isEmpty()) {
      notes.add(what + ", but no planted value differs between the runs");
      return;
    }
    Optional<String> found = run.values().keySet().stream()
        .filter(k -> explained.contains(explainedKey(e, k))).findFirst();
    if (found.isPresent()) {
      notes.add(what + ", carrying " + found.get() + " as the detector found");
      return;
    }
    String key = changed.get();
    Flow flow = flows.get(0);
    String detail = "present only in run " + runNumber + " (" + flows.size() + " flow(s) within "
        + PRESENCE_WINDOW.toSeconds() + " s of planting), absent in the other: presence follows the planted values ("
        + key + " " + describe(other.values().get(key), run.values().get(key)) + ")";
    Location where = flow.requestBody().length > 0 ? Location.BODY : Location.URL;
    findings.add(new Finding(flow.index(), flow.time(), flow.method(), flow.host(), flow.url(), flow.channel(),
        key, Finding.OPAQUE, where, detail, "", ORIGIN, flow.bytes()));
    notes.add(what + ", right after planting: reported");
  }

  /** Which planted value's change explains a size change best, if any. */
  private static Optional<Fit> bestFit(int sizeDelta, Map<String, String> before, Map<String, String> after) {
    Fit best = null;
    for (Map.Entry<String, String> v : before.entrySet()) {
      String now = after.get(v.getKey());
      if (now == null) {
        continue;
      }
      int lb = utf8(v.getValue());
      int la = utf8(now);
      if (Math.abs(la - lb) < MIN_VALUE_CHANGE) {
        continue;
      }
      Optional<Expansion> e = Expansion.bestFit(sizeDelta, la - lb);
      if (e.isPresent()) {
        double misfit = e.get().misfit(sizeDelta, la - lb);
        if (best == null || misfit < best.misfit()) {
          String unit = v.getValue().length() == lb && now.length() == la ? "chars" : "bytes";
          best = new Fit(v.getKey(), lb, la, unit, e.get(), misfit);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The planted key whose value changed length the most; any change of content counts. */
  private static Optional<String> mostChanged(Map<String, String> run, Map<String, String> other) {
    String best = null;
    int bestChange = -1;
    for (Map.Entry<String, String> v : run.entrySet()) {
      String o = other.get(v.getKey());
      if (o == null || o.equals(v.getValue())) {
        continue;
      }
      int change = Math.abs(utf8(v.getValue()) - utf8(o));
      if (change > bestChange) {
        best = v.getKey();
        bestChange = change;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String describe(String from, String to) {
    return "went " + utf8(from) + " -> " + utf8(to) + " chars";
  }

  private record Fit(String key, int before, int after, String unit, Expansion expansion, double misfit) {}

  private static Set<Integer> sizes(List<Flow> flows, Location where) {
    return flows.stream()
        .map(f -> where == Location.URL ? f.url().getBytes(StandardCharsets.UTF_8).length : f.requestBody().length)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<Endpoint, List<Flow>> group(List<Flow> flows) {
    Map<Endpoint, List<Flow>> byEndpoint = new LinkedHashMap<>();
    for (Flow f : flows) {
      byEndpoint.computeIfAbsent(Endpoint.of(f), k -> new ArrayList<>()).add(f);
    }
    return byEndpoint;
  }

  private static String explainedKey(Endpoint e, String identifier) {
    return e + "\n" + e.host() + "\n" + identifier;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
