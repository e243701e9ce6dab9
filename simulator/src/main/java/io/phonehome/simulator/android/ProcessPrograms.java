package io.phonehome.simulator.android;

import io.phonehome.simulator.shell.ShellProgram;
import java.util.ArrayList;
import java.util.List;

/** toybox's {@code ps} (with {@code -A} and {@code --help}) and {@code kill} over {@link Processes}. */
final class ProcessPrograms {
  private static final String PS_HELP = """
      usage: ps [-AadefLlnwZ] [-gG GROUP,] [-k FIELD,] [-o FIELD,] [-p PID,] [-t TTY,] [-uU USER,]

      List processes.

      Which processes to show (-gGuUpPt selections may be comma separated lists):

      -A  All                    -a  Has terminal not session leader
      -d  All but session leaders        -e  Synonym for -A
      -g  In GROUPs                -G  In real GROUPs (before sgid)
      -p  PIDs (--pid)            -P  Parent PIDs (--ppid)
      -s  In session IDs            -t  Attached to selected TTYs
      -T  Show threads also            -u  Owned by selected USERs
      -U  Real USERs (before suid)

      Output modifiers:

      -k  Sort FIELDs (-FIELD to reverse)    -M  Measure/pad future field widths
      -n  Show numeric USER and GROUP        -w  Wide output (don't truncate fields)

      Which FIELDs to show. (-o HELP for list, default = -o PID,TTY,TIME,CMD)

      -f  Full listing (-o USER:12=UID,PID,PPID,C,STIME,TTY,TIME,ARGS=CMD)
      -l  Long listing (-o F,S,UID,PID,PPID,C,PRI,NI,ADDR,SZ,WCHAN,TTY,TIME,CMD)
      -o  Output FIELDs instead of defaults, each with optional :size and =title
      -O  Add FIELDS to defaults
      -Z  Include LABEL
      """;

  private ProcessPrograms() {}

  static ShellProgram ps(Processes processes) {
    return (args, stdin, root) -> {
      if (args.contains("--help")) {
        return ShellProgram.Output.text(PS_HELP, 0);
      }
      List<String> names = new ArrayList<>();
      for (String a : args) {
        if (!a.startsWith("-")) {
          names.add(a);
        }
      }
      StringBuilder b = new StringBuilder(String.format("%-10s %5s %5s %8s %6s %-16s %8s %s %s%n",
          "USER", "PID", "PPID", "VSZ", "RSS", "WCHAN", "ADDR", "S", "NAME"));
      boolean all = args.contains("-A") || args.contains("-e") || !names.isEmpty();
      for (Processes.Process p : processes.all()) {
        if (!all && p.uid() != 2000) {
          continue;
        }
        if (!names.isEmpty() && !names.contains(p.name())) {
          continue;
        }
        b.append(String.format("%-10s %5d %5d %8d %6d %-16s %8d %s %s%n", Packages.userName(p.uid()), p.pid(),
            p.ppid(), p.vsz(), p.rss(), p.wchan().length() > 16 ? p.wchan().substring(0, 16) : p.wchan(), 0, "S", p.name()));
      }
      return ShellProgram.Output.text(b.toString(), 0);
    };
  }

  /** {@code kill [-SIGNAL|-s SIGNAL] PID...}: the shell user ends only its own processes. */
  static ShellProgram kill(Processes processes) {
    return (args, stdin, root) -> {
      StringBuilder err = new StringBuilder();
      int status = 0;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("-s")) {
          i++;
          continue;
        }
        if (a.startsWith("-")) {
          continue;
        }
        int pid;
        try {
          pid = Integer.parseInt(a);
        } catch (NumberFormatException e) {
          err.append("kill: ").append(a).append(": invalid pid\n");
          status = 1;
          continue;
        }
        var p = processes.byPid(pid);
        if (p.isEmpty()) {
          err.append("/system/bin/sh: kill: ").append(pid).append(": No such process\n");
          status = 1;
        } else if (!root && p.get().uid() != 2000) {
          err.append("/system/bin/sh: kill: ").append(pid).append(": Operation not permitted\n");
          status = 1;
        } else {
          processes.kill(pid);
        }
      }
      return new ShellProgram.Output(new byte[0], err.toString(), status);
    };
  }
}
