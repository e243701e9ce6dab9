package io.phonehome.capture;

import java.util.Objects;

/** One HTTP header as sent, name case kept. */
public record Header(String name, String value) {
  public Header {
    Objects.requireNonNull(name, "header name");
    Objects.requireNonNull(value, "header value");
  }
}
