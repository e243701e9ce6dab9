package io.phonehome.consent;

import java.nio.file.Path;

/**
 * A consent policy file cannot be used; the message is one line naming the file, the
 * line, what is wrong and what is allowed ({@code policy.yaml:4: rule without 'to' ...}).
 */
public final class PolicyFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public PolicyFileException(Path file, int line, String problem) {
    super(file + ":" + line + ": " + problem);
  }
}
