package io.phonehome.consent;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A host pattern: {@code *} matches any run of characters, dots included, and {@code ?}
 * one character; case is ignored and a port on the host is ignored. {@code *.xiaomi.com}
 * matches {@code api.account.xiaomi.com} but not {@code xiaomi.com}. Shared by
 * {@code sentNothingTo} and the rules of a consent policy file.
 */
public final class HostGlob {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._*?-]+");

  private final String glob;
  private final Pattern pattern;

  public HostGlob(String glob) {
    this.glob = Objects.requireNonNull(glob, "host glob");
    if (glob.isBlank()) {
      throw new IllegalArgumentException("host glob must not be blank");
    }
    if (!VALID.matcher(glob).matches()) {
      throw new IllegalArgumentException("'" + glob + "' is not a host glob (letters, digits,"
          + " '-', '_', '.', '*' and '?' only: no scheme, path, port or spaces)");
    }
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    this.pattern = Pattern.compile(regex.toString());
  }

  /** Whether the host (a port, if any, ignored) matches. */
  public boolean matches(String host) {
    String bare = host.toLowerCase(Locale.ROOT);
    int colon = bare.lastIndexOf(':');
    if (colon > 0 && bare.indexOf(':') == colon) {
      bare = bare.substring(0, colon);
    }
    return pattern.matcher(bare).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
