package io.phonehome.device.phone;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string in a {@code service call} reply, as {@code service} prints it:
 *
 * <pre>
 * Result: Parcel(
 *   0x00000000: 00000000 0000000f 00360038 00320031 '........8.6.1.2.'
 *   0x00000010: ...                                                    ')
 * </pre>
 *
 * The reply is a status word (0: no exception), an int32 length in UTF-16 units
 * ({@code -1}: a null string), then the characters, two per 32-bit word, each word
 * printed as a little-endian number so its low half is the first character.
 */
public final class ParcelString {
  private static final Pattern WORD = Pattern.compile("\\b[0-9a-fA-F]{8}\\b");
  private static final int EX_HAS_STRICTMODE_REPLY_HEADER = -128;
  private static final int EX_HAS_NOTED_APPOPS_REPLY_HEADER = -127;
  private static final Pattern ADDRESS = Pattern.compile("^\\s*0x[0-9a-fA-F]+:");

  private ParcelString() {}

  /**
   * The string a {@code service call} returned; empty for a null string, an exception
   * reply, a missing service or output that is not a Parcel dump.
   */
  public static Optional<String> parse(String output) {
    Reply reply = read(output);
    return Optional.ofNullable(reply.value());
  }

  /**
   * Why {@link #parse} found no string: {@code "null string"}, {@code "exception -1
   * (SecurityException): Requires READ_PHONE_STATE"}, {@code "service iphonesubinfo does not
   * exist"}, ...; empty when there is a string.
   */
  public static Optional<String> whyEmpty(String output) {
    return Optional.ofNullable(read(output).problem());
  }

  record Reply(String value, String problem) {}

  static Reply read(String output) {
    String text = output == null ? "" : output.replace("\r", "");
    int start = text.indexOf("Parcel(");
    if (start < 0) {
      String first = text.strip().lines().findFirst().orElse("");
      if (text.contains("Service iphonesubinfo does not exist")) {
        return new Reply(null, "service iphonesubinfo does not exist");
      }
      return new Reply(null, first.isEmpty() ? "no answer" : "not a Parcel reply: " + first);
    }
    String body = text.substring(start + "Parcel(".length());
    if (body.stripLeading().startsWith("Error:")) {
      return new Reply(null, "transaction failed: " + firstLine(body.strip()));
    }
    int[] words = words(body);
    if (words.length == 0) {
      return new Reply(null, "empty Parcel");
    }
    if (words[0] == EX_HAS_STRICTMODE_REPLY_HEADER && words.length > 1) {
      // A fat reply header (its size in bytes counts its own size word) precedes a reply
      // without exception; what follows the header is the string.
      int resume = 1 + words[1] / 4;
      if (words[1] < 4 || resume > words.length) {
        return new Reply(null, "malformed reply header");
      }
      return string(words, resume - 1);
    }
    if (words[0] == EX_HAS_NOTED_APPOPS_REPLY_HEADER) {
      return new Reply(null, "reply carries a noted app-ops header, which is not decoded");
    }
    if (words[0] != 0) {
      String message = words.length > 1 ? utf16(words, 1) : null;
      return new Reply(null, "exception " + words[0] + " (" + exceptionName(words[0]) + ")"
          + (message == null || message.isEmpty() ? "" : ": " + message));
    }
    return string(words, 0);
  }

  /** The string after the status word at {@code status}. */
  private static Reply string(int[] words, int status) {
    if (words.length < status + 2) {
      return new Reply(null, "no string in the reply");
    }
    String value = utf16(words, status + 1);
    if (value == null) {
      return new Reply(null, "null string");
    }
    return new Reply(value, null);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.endsWith(")") ? line.substring(0, line.length() - 1) : line;
  }

  /** The hex words of every dump line, leaving out addresses and the quoted text column. */
  private static int[] words(String body) {
    List<Integer> words = new ArrayList<>();
    for (String line : body.split("\n")) {
      String hex = ADDRESS.matcher(line).replaceFirst("");
      int quote = hex.indexOf('\'');
      if (quote >= 0) {
        hex = hex.substring(0, quote);
      }
      Matcher m = WORD.matcher(hex);
      while (m.find()) {
        words.add((int) Long.parseLong(m.group(), 16));
      }
    }
    return words.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A Parcel string (int32 length, then UTF-16 units) starting at word {@code at}; null for -1. */
  private static String utf16(int[] words, int at) {
    int length = words[at];
    if (length < 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int w = at + 1 + i / 2;
      if (w >= words.length) {
        break;
      }
      sb.append((char) (i % 2 == 0 ? words[w] & 0xffff : words[w] >>> 16));
    }
    return sb.toString();
  }

  private static String exceptionName(int code) {
    return switch (code) {
      case -1 -> "SecurityException";
      case -2 -> "BadParcelableException";
      case -3 -> "IllegalArgumentException";
      case -4 -> "NullPointerException";
      case -5 -> "IllegalStateException";
      case -6 -> "NetworkOnMainThreadException";
      case -7 -> "UnsupportedOperationException";
      case -8 -> "ServiceSpecificException";
      case -129 -> "transaction failed";
      default -> "unknown exception code";
    };
  }
}
