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

  private Progress() {}

  public static synchronized void device(String device, String step) {
    print("[" + device + "] " + step);
  }

  public static synchronized void lab(String message) {
    print(message);
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
    String dir = System.getProperty(RunContext.RUN_DIR_PROPERTY);
    if (dir == null) {
      return;
    }
    try {
      Files.writeString(Path.of(dir, "phonehome.log"), line + System.lineSeparator(),
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the terminal line was printed; a lost log line must not fail the run
    }
  }
}
