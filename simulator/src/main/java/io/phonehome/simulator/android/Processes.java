package io.phonehome.simulator.android;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handset's process table as {@code ps -A} shows it: the system's own processes from
 * boot, and app processes that start with an activity, a service or an instrumentation
 * and end when they are force-stopped or killed. Killing a process runs what it asked
 * to run on its end (an instrumentation finishing, a server closing its port).
 */
public final class Processes {
  /**
   * One process.
   *
   * @param name the package for an app's process, else the program's name
   */
  public record Process(int pid, int ppid, int uid, String name, long vsz, long rss, String wchan) {}

  private final Map<Integer, Process> table = new LinkedHashMap<>();
  private final Map<Integer, List<Runnable>> onEnd = new LinkedHashMap<>();
  private static final int FIRST_APP_PID = 1820;
  private int nextPid = FIRST_APP_PID;

  /** A table with the processes an Android 8+ phone runs once booted. */
  public Processes() {
    system(1, 0, 0, "init", 10782796, 9436, "SyS_epoll_wait");
    system(2, 0, 0, "kthreadd", 0, 0, "kthreadd");
    system(356, 1, 1036, "logd", 31744, 11952, "SyS_rt_sigsuspend");
    system(360, 1, 1000, "servicemanager", 10360, 4608, "binder_thread_read");
    system(371, 1, 1000, "surfaceflinger", 96436, 25436, "SyS_epoll_wait");
    system(548, 1, 0, "zygote64", 4313036, 139608, "poll_schedule_timeout");
    system(589, 1, 2000, "adbd", 26472, 6712, "SyS_epoll_wait");
    system(934, 548, 1000, "system_server", 5293032, 226412, "SyS_epoll_wait");
    system(1105, 548, 10020, "com.android.systemui", 4653324, 165220, "SyS_epoll_wait");
    system(1218, 548, 1001, "com.android.phone", 4433760, 89196, "SyS_epoll_wait");
    system(1389, 548, 10014, "com.android.launcher", 4490112, 121448, "SyS_epoll_wait");
  }

  private void system(int pid, int ppid, int uid, String name, long vsz, long rss, String wchan) {
    table.put(pid, new Process(pid, ppid, uid, name, vsz, rss, wchan));
  }

  /** Every process, by pid. */
  public synchronized List<Process> all() {
    List<Process> out = new ArrayList<>(table.values());
    out.sort((a, b) -> Integer.compare(a.pid(), b.pid()));
    return out;
  }

  /** The running process of this name (an app's package), if any. */
  public synchronized Optional<Process> byName(String name) {
    return table.values().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The running process with this pid. */
  public synchronized Optional<Process> byPid(int pid) {
    return Optional.ofNullable(table.get(pid));
  }

  /** The app process for {@code name}, forked from zygote when it is not running yet. */
  public synchronized Process ensureApp(String name, int uid) {
    Optional<Process> running = byName(name);
    if (running.isPresent()) {
      return running.get();
    }
    Process p = new Process(nextPid, 548, uid, name, 4348000 + (nextPid % 97) * 1024L, 64000 + (nextPid % 89) * 512L,
        "SyS_epoll_wait");
    nextPid += 7 + nextPid % 5;
    table.put(p.pid(), p);
    return p;
  }

  /** Runs {@code action} (once) when the process ends; at once when it is not running. */
  public void whenEnded(int pid, Runnable action) {
    synchronized (this) {
      if (table.containsKey(pid)) {
        onEnd.computeIfAbsent(pid, k -> new ArrayList<>()).add(action);
        return;
      }
    }
    action.run();
  }

  /** Ends a process; false when no process has that pid. */
  public boolean kill(int pid) {
    List<Runnable> actions;
    synchronized (this) {
      if (table.remove(pid) == null) {
        return false;
      }
      actions = onEnd.remove(pid);
    }
    if (actions != null) {
      actions.forEach(Runnable::run);
    }
    return true;
  }

  /** Ends every app process started since boot, as a reboot does. */
  public void killApps() {
    List<Integer> apps;
    synchronized (this) {
      apps = table.keySet().stream().filter(pid -> pid >= FIRST_APP_PID).toList();
    }
    apps.forEach(this::kill);
  }

  /** Ends the process of this name, if it runs; true when one ended. */
  public boolean killByName(String name) {
    Optional<Process> p = byName(name);
    return p.isPresent() && kill(p.get().pid());
  }
}
