package io.phonehome.simulator.adb;

import java.io.IOException;

/** What runs behind one opened stream ({@code shell:}, {@code sync:}, ...). */
interface AdbService {
  /** Serves the stream; the caller closes it afterwards. */
  void serve(AdbStream stream) throws IOException;
}
