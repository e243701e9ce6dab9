package io.phonehome.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads, from {@code /proc} every 200 ms until a process ends, the CPU time and memory of
 * that process and of everything it started: each process's own user + system time as
 * last seen, sorted into the parts of a run by its command line (the harness itself,
 * virtual handsets, mitmdump, Appium, the grid, adb, the report). A process that ends
 * between two samples is counted as last seen, and one that lives less than 200 ms not at
 * all; {@link #reapedChildTicks()} gives the exact total to hold the sum against.
 *
 * <p>Processes outside the tree can be counted with it ({@code alsoCount}, matched on the
 * command line of a process named {@code adb}): the adb server a run starts detaches
 * itself from the harness, so it is no descendant and no reaped child.
 */
final class TreeSampler {
  /** Linux reports CPU time in /proc in USER_HZ ticks, 100 per second on every common architecture. */
  static final double TICKS_PER_SECOND = 100;
  private static final long PAGE_BYTES = 4096;
  private static final long INTERVAL_MILLIS = 200;
  private static final Path PROC = Path.of("/proc");

  /** Where a process's CPU goes in the table, by what the process is. */
  enum Part {
    HARNESS("harness"), HANDSETS("handsets"), MITMDUMP("mitmdump"), APPIUM("appium"), GRID("grid"),
    ADB("adb"), REPORT("report"), OTHER("other");

    private final String label;

    Part(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /** What the samples gave. */
  record Sampled(Map<Part, Double> cpuSeconds, Map<String, Double> otherByName, double harnessCpuSeconds,
      double outsideCpuSeconds, long harnessPeakRssBytes, long treePeakRssBytes, int samples,
      List<Long> stillRunning) {
    double sampledCpuSeconds() {
      return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  private record Stat(long pid, long ppid, String comm, long ticks, long startTime, long rssPages) {}

  private record Seen(Part part, String comm, long ticks) {}

  private final long root;
  private final Predicate<String> alsoCount;
  private final Map<String, Seen> seen = new HashMap<>();
  private final Set<String> notCounted = new HashSet<>();
  private final Set<String> outsideTree = new HashSet<>();
  private long harnessPeakRss;
  private long treePeakRss;
  private int samples;
  private volatile boolean stopped;
  private Thread thread;

  TreeSampler(long root, Predicate<String> alsoCount) {
    this.root = root;
    this.alsoCount = alsoCount;
  }

  /** Starts sampling on a thread of its own. */
  void start() {
    thread = new Thread(() -> {
      while (!stopped && sample()) {
        try {
          Thread.sleep(INTERVAL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "farm-bench-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops sampling, takes one last sample (the processes outside the tree) and returns the figures. */
  Sampled finish() throws InterruptedException {
    stopped = true;
    if (thread != null) {
      thread.interrupt();
      thread.join(5_000);
    }
    synchronized (this) {
      return figures();
    }
  }

  private Sampled figures() {
    sample();
    Map<Part, Double> cpu = new EnumMap<>(Part.class);
    for (Part p : Part.values()) {
      cpu.put(p, 0.0);
    }
    seen.values().forEach(s -> cpu.merge(s.part(), s.ticks() / TICKS_PER_SECOND, Double::sum));
    Map<String, Double> other = new TreeMap<>();
    seen.values().stream().filter(s -> s.part() == Part.OTHER)
        .forEach(s -> other.merge(s.comm(), s.ticks() / TICKS_PER_SECOND, Double::sum));
    double outside = outsideTree.stream().mapToDouble(k -> seen.get(k).ticks() / TICKS_PER_SECOND).sum();
    return new Sampled(cpu, other, cpu.get(Part.HARNESS), outside, harnessPeakRss, treePeakRss, samples, stillRunning());
  }

  /** The processes of the tree (not the ones counted with it) that still run, by pid. */
  synchronized List<Long> stillRunning() {
    List<Long> running = new ArrayList<>();
    for (Stat s : scan().values()) {
      Seen earlier = seen.get(key(s));
      if (earlier != null && !outsideTree.contains(key(s)) && s.pid() != root) {
        running.add(s.pid());
      }
    }
    return running;
  }

  /** One sample; false once the root process is gone. */
  private synchronized boolean sample() {
    Map<Long, Stat> all = scan();
    Map<Long, List<Stat>> children = new HashMap<>();
    for (Stat s : all.values()) {
      children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s);
    }
    List<Stat> counted = new ArrayList<>();
    Stat rootStat = all.get(root);
    if (rootStat != null) {
      Deque<Stat> todo = new ArrayDeque<>(List.of(rootStat));
      while (!todo.isEmpty()) {
        Stat s = todo.pop();
        counted.add(s);
        todo.addAll(children.getOrDefault(s.pid(), List.of()));
      }
    }
    for (Stat s : all.values()) {
      String key = key(s);
      if (outsideTree.contains(key)) {
        if (!counted.contains(s)) {
          counted.add(s);
        }
      } else if (!notCounted.contains(key) && s.comm().equals("adb")) {
        if (alsoCount.test(commandLine(s.pid()))) {
          outsideTree.add(key);
          if (!counted.contains(s)) {
            counted.add(s);
          }
        } else {
          notCounted.add(key);
        }
      }
    }
    long rss = 0;
    for (Stat s : counted) {
      String key = key(s);
      Seen before = seen.get(key);
      // a shell that execs its program (the Allure command line's start script) is what it runs next time
      Part part = before != null && before.part() != Part.OTHER ? before.part() : classify(s);
      seen.put(key, new Seen(part, s.comm(), Math.max(s.ticks(), before == null ? 0 : before.ticks())));
      rss += s.rssPages() * PAGE_BYTES;
    }
    treePeakRss = Math.max(treePeakRss, rss);
    if (rootStat != null) {
      harnessPeakRss = Math.max(harnessPeakRss, highWaterMark(root));
      samples++;
    }
    return rootStat != null;
  }

  private Part classify(Stat s) {
    if (s.pid() == root) {
      return Part.HARNESS;
    }
    String line = commandLine(s.pid());
    if (line.contains("phonehome-guard") || s.comm().equals("sh") || s.comm().equals("sleep")) {
      return Part.OTHER;
    }
    if (line.contains("phonehome-simulator")) {
      return Part.HANDSETS;
    }
    if (line.contains("mitmdump")) {
      return Part.MITMDUMP;
    }
    if (line.contains("org.openqa.selenium.grid")) {
      return Part.GRID;
    }
    if (line.contains("allure")) {
      return Part.REPORT;
    }
    if (s.comm().equals("adb")) {
      return Part.ADB;
    }
    if (s.comm().equals("node") || line.contains("appium")) {
      return Part.APPIUM;
    }
    return Part.OTHER;
  }

  private static String key(Stat s) {
    return s.pid() + "@" + s.startTime();
  }

  /** Every process now, by pid; one that goes while it is read is left out. */
  private static Map<Long, Stat> scan() {
    Map<Long, Stat> all = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString()
        .chars().allMatch(Character::isDigit))) {
      for (Path dir : dirs) {
        Stat s = stat(dir);
        if (s != null) {
          all.put(s.pid(), s);
        }
      }
    } catch (IOException e) {
      // /proc unreadable: no samples, and the figures say 0
    }
    return all;
  }

  private static Stat stat(Path dir) {
    try {
      String text = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
      int open = text.indexOf('(');
      int close = text.lastIndexOf(')');
      String[] f = text.substring(close + 2).split(" ");
      // fields from the state on (field 3 of proc(5)): ppid 4, utime 14, stime 15, starttime 22, rss 24
      return new Stat(Long.parseLong(text.substring(0, open).strip()), Long.parseLong(f[1]),
          text.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[19]),
          Long.parseLong(f[21]));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  private static long highWaterMark(long pid) {
    try {
      for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"),
          StandardCharsets.ISO_8859_1)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone between the stat and the status: keep the peak seen so far
    }
    return 0;
  }

  /** CPU ticks the whole machine has been busy (all but idle and I/O wait, every core) since boot. */
  static long machineBusyTicks() {
    try {
      String cpu = Files.readAllLines(PROC.resolve("stat"), StandardCharsets.ISO_8859_1).get(0);
      String[] f = cpu.strip().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      long busy = 0;
      for (int i = 1; i <= 8 && i < f.length; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU ticks (user + system) of this JVM's children that have ended and been waited for, in all. */
  static long reapedChildTicks() {
    try {
      String text = Files.readString(PROC.resolve("self/stat"), StandardCharsets.ISO_8859_1);
      String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
      // cutime 16, cstime 17
      return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
