/**
 * Capture: one {@code mitmdump} per device with the project's bridge addon
 * ({@code phonehome_bridge.py}, shipped as a resource of this package), streaming every
 * request, response, error and refused TLS handshake to the harness as {@link
 * io.phonehome.capture.Flow}s, and the evidence written per device: mitmproxy's own flow
 * file, its log, and HAR 1.2.
 *
 * <p>{@link io.phonehome.capture.MitmProxy} runs the process, {@link
 * io.phonehome.capture.Capture} assembles the flows, {@link io.phonehome.capture.HarWriter}
 * and {@link io.phonehome.capture.HarReader} write and read HAR.
 */
package io.phonehome.capture;
