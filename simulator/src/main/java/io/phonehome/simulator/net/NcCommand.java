package io.phonehome.simulator.net;

import io.phonehome.simulator.runtime.FirmwareRuntime;
import io.phonehome.simulator.shell.ShellProgram;
import java.time.Duration;
import java.util.List;

/**
 * Toybox's {@code nc [-w SECONDS] [-q SECONDS] HOST PORT}, as {@code adb shell} finds it
 * on Android 6 and later: sends its standard input to HOST:PORT and prints the answer.
 * While the phone's network is down (booting, rebooting) it cannot connect.
 *
 * <pre>
 * echo -ne 'GET http://probe.example/ HTTP/1.0\r\n\r\n' | nc -w 5 127.0.0.1 8080
 * </pre>
 */
public final class NcCommand implements ShellProgram {
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

  private final FirmwareRuntime runtime;

  public NcCommand(FirmwareRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Output run(List<String> args, byte[] stdin, boolean root) {
    Duration wait = DEFAULT_WAIT;
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-")) {
      String flag = args.get(i);
      if ((flag.equals("-w") || flag.equals("-q")) && i + 1 < args.size() && args.get(i + 1).matches("\\d{1,6}")) {
        if (flag.equals("-w")) {
          wait = Duration.ofSeconds(Long.parseLong(args.get(i + 1)));
        }
        i += 2;
      } else {
        return usage("unknown option " + flag);
      }
    }
    if (args.size() - i != 2 || !args.get(i + 1).matches("\\d{1,5}")) {
      return usage("needs HOST PORT");
    }
    String host = args.get(i);
    int port = Integer.parseInt(args.get(i + 1));
    if (port < 1 || port > 65535) {
      return usage("bad port " + port);
    }
    if (!runtime.running()) {
      return new Output(new byte[0], "nc: connect: Network is unreachable\n", 1);
    }
    try {
      return new Output(runtime.network().netcat(host, port, stdin, wait), "", 0);
    } catch (UploadFailure e) {
      return new Output(new byte[0], "nc: " + e.getMessage() + "\n", 1);
    }
  }

  private static Output usage(String problem) {
    return new Output(new byte[0], "nc: " + problem + " (usage: nc [-w SECONDS] [-q SECONDS] HOST PORT)\n", 1);
  }
}
