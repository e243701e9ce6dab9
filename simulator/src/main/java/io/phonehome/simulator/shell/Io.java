package io.phonehome.simulator.shell;

import java.util.function.Consumer;

/** A command's standard input (all of it, as text) and where its output and errors go. */
record Io(String in, Consumer<String> out, Consumer<String> err) {
  void println(String line) {
    out.accept(line + "\n");
  }

  void error(String line) {
    err.accept(line + "\n");
  }
}
