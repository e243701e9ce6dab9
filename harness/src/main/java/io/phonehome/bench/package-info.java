/**
 * {@code ./phonehome bench}: how fast the audit reads a large HAR (against
 * {@code grep -F} with the same needles), how much heap a 2 GB body costs while it
 * streams, and what the bridge addon costs mitmdump in requests per second. See
 * {@code docs/benchmark.md}.
 */
package io.phonehome.bench;
