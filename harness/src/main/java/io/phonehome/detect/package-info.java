/**
 * Identities and the detector that finds them in captured flows.
 *
 * <p>{@link io.phonehome.detect.IdentitySet} holds what the lab knows (from devices.yaml,
 * an identity file read by {@link io.phonehome.detect.IdentityFileReader}, or the phone);
 * {@link io.phonehome.detect.Detector} turns each flow into
 * {@link io.phonehome.detect.Finding}s. An encoding is the chain of transforms found,
 * named as in firmware profiles and joined outermost last ({@code plain}, {@code md5},
 * {@code gzip+base64}); which written form of the value matched (national phone number,
 * MAC without separators, upper case) is the finding's {@code form}, not part of the
 * chain. A body's Content-Encoding is transport, not part of the chain either.
 *
 * <p>A flow whose content the channel hides (tls-refused, quic) cannot be searched. It
 * still yields one finding, identifier {@code unknown}, encoding {@code opaque} (the word
 * the findings schema uses for it), location {@code none}, so that reports show it
 * instead of passing it silently.
 */
package io.phonehome.detect;
