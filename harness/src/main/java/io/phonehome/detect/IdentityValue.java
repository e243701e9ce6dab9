package io.phonehome.detect;

import java.util.Objects;

/**
 * One value the lab knows for one identifier, and where the lab learned it.
 *
 * @param identifier the identity key ({@code imei}, {@code phone-number}, {@code contacts},
 *     ...), or {@code canary} / a planted name such as {@code sms.body}
 * @param value the value as written by the lab or read from the phone
 * @param origin where it came from: {@code devices.yaml}, {@code identity file}, {@code phone}
 */
public record IdentityValue(String identifier, String value, String origin) {
  public IdentityValue {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
    if (identifier.isBlank()) {
      throw new IllegalArgumentException("identifier must not be blank");
    }
  }
}
