/**
 * Reading a phone's identity over adb: parsers for what real phones print
 * ({@code service call iphonesubinfo}, {@code content query}, {@code logcat -d},
 * {@code dumpsys iphonesubinfo}), the reader that asks the phone, and the merge with
 * what devices.yaml declares.
 *
 * <pre>{@code
 * PhoneIdentity read = new PhoneIdentityReader(device::shell).read();
 * IdentityMerge merged = IdentityMerge.merge(dut.identity(), read);
 * merged.describe().forEach(report::line);
 * Audit.run(flows, merged.identity(), policy);
 * }</pre>
 */
package io.phonehome.device.phone;
