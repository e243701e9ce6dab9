/**
 * The virtual handset's {@code /system/bin/sh} and the Android programs it runs, with the
 * output formats and error texts of a rooted Android 4.x phone (toolbox, SettingsCmd,
 * pm, logcat). {@link io.phonehome.simulator.shell.AndroidShell} is the entry point;
 * other parts of the handset add programs with
 * {@link io.phonehome.simulator.shell.AndroidShell#install}.
 *
 * <p>The shell user writes only under {@code /data/local/tmp} and the SD card; root (under
 * {@code su}) writes anywhere but {@code /system}, which needs
 * {@code mount -o rw,remount /system} first. The remount lasts for the handset's life,
 * reboots included, so a lab's clean-up with {@code su -c 'rm ...'} works after a reboot.
 */
package io.phonehome.simulator.shell;
