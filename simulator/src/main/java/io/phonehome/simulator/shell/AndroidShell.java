package io.phonehome.simulator.shell;

import io.phonehome.simulator.VirtualHandset;

/** Android's shell (stub: replaced by the real implementation). */
public final class AndroidShell implements Shell {
  public AndroidShell(VirtualHandset handset) {}

  @Override
  public Result run(String commandLine) {
    String cmd = commandLine.trim().split("\\s+", 2)[0];
    return new Result("/system/bin/sh: " + cmd + ": not found\n", 127);
  }
}
