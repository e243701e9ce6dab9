/**
 * The virtual handset's adb daemon: the device side of the adb protocol over TCP on
 * 127.0.0.1, as Debian's adb 29 and ddmlib 32 reach a network-attached phone with
 * {@code adb connect 127.0.0.1:PORT}.
 *
 * <p>{@link io.phonehome.simulator.adb.AdbDeviceServer} accepts connections; each
 * connection answers CNXN without AUTH, advertises no optional feature (so hosts use the
 * legacy {@code shell:} and version 1 {@code sync:}), and multiplexes streams with the
 * protocol's flow control: one WRTE in flight per stream, each acknowledged by OKAY.
 * A malformed or truncated message closes that connection only, with one line on
 * standard error.
 *
 * <p>On reboot the server drops every connection and listens again on the same port
 * after the downtime. adb 29 then reconnects by itself, about ten seconds after the drop;
 * {@code adb connect} meanwhile answers "already connected". {@code adb disconnect} then
 * {@code adb connect} brings the device back as soon as it listens again.
 */
package io.phonehome.simulator.adb;
