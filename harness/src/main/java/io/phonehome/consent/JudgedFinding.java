package io.phonehome.consent;

import io.phonehome.detect.Finding;
import java.util.Objects;

/** A finding with the verdict the consent policy gave it. */
public record JudgedFinding(Finding finding, Verdict verdict) {
  public JudgedFinding {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(verdict, "verdict");
  }

  public boolean consented() {
    return verdict.consented();
  }

  public boolean unconsented() {
    return verdict.unconsented();
  }

  public boolean unverifiable() {
    return verdict.unverifiable();
  }
}
