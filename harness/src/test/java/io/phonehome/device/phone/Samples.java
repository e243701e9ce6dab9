package io.phonehome.device.phone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Sample outputs under device/phone/: the leading "# " lines say where they come from. */
final class Samples {
  private Samples() {}

  /** The output as the phone printed it, line ends untouched, without the comment header. */
  static String read(String name) {
    String path = "device/phone/" + name;
    try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      while (text.startsWith("# ")) {
        int nl = text.indexOf('\n');
        text = nl < 0 ? "" : text.substring(nl + 1);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
