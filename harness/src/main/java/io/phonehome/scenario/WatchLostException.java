package io.phonehome.scenario;

import io.phonehome.device.DeviceException;
import io.phonehome.lifecycle.Watch;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A test whose device was not watched the whole time: a part its verdict rests on was
 * lost (see {@link Watch}). The test is BROKEN, its verdict unknown; what was captured
 * until then was still judged and kept.
 */
public final class WatchLostException extends DeviceException {
  private static final long serialVersionUID = 1L;
  private final transient List<Watch.Loss> losses;

  public WatchLostException(String device, List<Watch.Loss> losses, String context) {
    super(message(device, losses, context));
    this.losses = List.copyOf(losses);
  }

  public List<Watch.Loss> losses() {
    return losses;
  }

  /** {@code virtual-clean: capture proxy lost at 20:14:03: mitmdump exited ...; verdict unknown (...)}. */
  static String message(String device, List<Watch.Loss> losses, String context) {
    return device + ": " + losses.stream().map(Watch.Loss::describe).collect(Collectors.joining("; "))
        + "; verdict unknown (" + context + ")";
  }
}
