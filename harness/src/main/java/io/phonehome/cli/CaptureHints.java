package io.phonehome.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The likely fix for a capture {@code audit} could not read, from its first bytes: a pcap
 * given as {@code --har}, a HAR given as {@code --pcap}, a compressed file. Empty when
 * nothing is recognised.
 */
final class CaptureHints {
  private static final List<String> PCAP_MAGICS =
      List.of("d4c3b2a1", "a1b2c3d4", "4d3cb2a1", "a1b23c4d", "0a0d0d0a");

  private CaptureHints() {}

  /** {@code " (it is a packet capture: give it with --pcap)"}, or empty. */
  static String forHar(Path file) {
    String head = head(file);
    if (PCAP_MAGICS.stream().anyMatch(head::startsWith)) {
      return " (it is a packet capture: give it with --pcap)";
    }
    return compressed(head);
  }

  /** {@code " (it looks like JSON, a HAR?: give it with --har)"}, or what a capture should be. */
  static String forPcap(Path file) {
    String head = head(file);
    String text = head(file, true);
    if (text.startsWith("7b") || text.startsWith("5b")) {
      return " (it looks like JSON, a HAR?: give it with --har)";
    }
    String compressed = compressed(head);
    return compressed.isEmpty()
        ? " (give a pcap or pcapng file, as tcpdump -w and Wireshark write)" : compressed;
  }

  private static String compressed(String head) {
    if (head.startsWith("1f8b")) {
      return " (it is gzip-compressed: gunzip it first)";
    }
    if (head.startsWith("504b0304")) {
      return " (it is a zip archive: unzip it first)";
    }
    return "";
  }

  private static String head(Path file) {
    return head(file, false);
  }

  /** The first 4 bytes as lower-case hex; for text, after leading whitespace. */
  private static String head(Path file, boolean text) {
    try (InputStream in = Files.newInputStream(file)) {
      StringBuilder hex = new StringBuilder();
      int b;
      while (hex.length() < 8 && (b = in.read()) >= 0) {
        if (text && hex.length() == 0 && Character.isWhitespace(b)) {
          continue;
        }
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (IOException e) {
      return "";
    }
  }
}
