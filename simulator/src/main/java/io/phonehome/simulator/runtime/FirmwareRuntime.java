package io.phonehome.simulator.runtime;

import io.phonehome.simulator.net.LoopbackSink;
import io.phonehome.simulator.state.PhoneState;

/** Runs the firmware's services (stub: replaced by the real implementation). */
public final class FirmwareRuntime {
  public FirmwareRuntime(PhoneState state, LoopbackSink sink) {}

  /** Fires boot services and arms timers and setting triggers. */
  public void start() {}

  /** Cancels timers and in-flight uploads; safe to call twice. */
  public void stop() {}
}
