package io.phonehome.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One line per device and step on the terminal ({@code 09:41:07 [virtual-leaky]
 * rebooted}), and the same lines in the run's {@code phonehome.log}.
 */
public final class Progress {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static PrintStream out = System.out;
  /** The run's {@code phonehome.log}; none until a run sets its folder. */
  private static Path logFile;

  private Progress() {}

  public static synchronized void device(String device, String step) {
    print("[" + device + "] " + step);
  }

  public static synchronized void lab(String message) {
    print(message);
  }

  /** From now on the lines also go to {@code phonehome.log} in {@code runDir}. */
  public static synchronized void logTo(Path runDir) {
    logFile = runDir.resolve("phonehome.log");
  }

  /** Sends the lines elsewhere (tests). */
  public static synchronized void to(PrintStream stream) {
    out = stream;
  }

  private static void print(String message) {
    String line = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(TIME) + " " + message;
    out.println(line);
    out.flush();
    log(line);
  }

  /** Appends to the run log without printing (details the terminal does not need). */
  public static synchronized void log(String line) {
    if (logFile == null) {
      return;
    }
    try {
      Files.writeString(logFile, line + System.lineSeparator(),
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the terminal line was printed; a lost log line must not fail the run
    }
  }
}
