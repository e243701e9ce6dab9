package io.phonehome.simulator.shell;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A command's standard input (all of it) and where its output and errors go, as bytes so
 * that binary output ({@code cat} of an image, a pcap) passes through unchanged.
 */
record Io(byte[] in, Consumer<byte[]> out, Consumer<byte[]> err) {
  static final byte[] NONE = new byte[0];

  String inText() {
    return new String(in, StandardCharsets.UTF_8);
  }

  void print(String text) {
    out.accept(text.getBytes(StandardCharsets.UTF_8));
  }

  void println(String line) {
    print(line + "\n");
  }

  void printErr(String text) {
    err.accept(text.getBytes(StandardCharsets.UTF_8));
  }

  void error(String line) {
    printErr(line + "\n");
  }
}
