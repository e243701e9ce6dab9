package io.phonehome.simulator.telephony;

import io.phonehome.simulator.shell.AndroidShell;
import io.phonehome.simulator.state.PhoneState;

/**
 * Adds the telephony programs to a handset's shell: {@code service}, {@code dumpsys},
 * {@code content}, and the root-only {@code setidentity} that rewrites the identity.
 */
public final class TelephonyPrograms {
  private TelephonyPrograms() {}

  /** The telephony services' {@code dumpsys}, for a shell whose {@code dumpsys} also dumps others. */
  public static io.phonehome.simulator.shell.ShellProgram dumpsys(PhoneState state) {
    return new DumpsysCommand(state);
  }

  public static void install(AndroidShell shell, PhoneState state) {
    shell.install("service", new ServiceCommand(state));
    shell.install("dumpsys", new DumpsysCommand(state));
    shell.install("content", new ContentCommand(state));
    shell.install(SetIdentityCommand.NAME, new SetIdentityCommand(state));
  }
}
