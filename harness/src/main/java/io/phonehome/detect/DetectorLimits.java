package io.phonehome.detect;

/**
 * Bounds on the work the detector does for one flow, so that hostile input (a
 * decompression bomb, a body of a million base64 runs) costs a note, not the run. A flow
 * a bound kept from being read whole is also an unverifiable finding ({@link
 * Finding#unread}) that names the bound: what lies past it may carry anything.
 *
 * @param maxInflatedBytes the most bytes one decompression may produce; beyond it only
 *     that many are searched and a note says so
 * @param maxBytesPerFlow the most bytes searched per flow, all decoded layers together
 * @param maxPartsPerFlow the most parts (fields, headers, decoded runs) searched per flow
 * @param maxDecodedBytesPerFlow the most bytes all decodings of one flow may produce
 *     together (runs, escapes, decompressions; not the body's Content-Encoding)
 * @param maxRunsPerPart the most encoded runs (base64, base32, hex) decoded in one part
 */
public record DetectorLimits(int maxInflatedBytes, long maxBytesPerFlow, int maxPartsPerFlow,
    long maxDecodedBytesPerFlow, int maxRunsPerPart) {
  /** 16 MiB per decompression; per flow 64 MiB searched, 32 MiB decoded, 20,000 parts; 4,096 runs a part. */
  public static final DetectorLimits DEFAULT = new DetectorLimits(16 << 20, 64L << 20, 20_000, 32L << 20, 4096);

  public DetectorLimits {
    if (maxInflatedBytes <= 0 || maxBytesPerFlow <= 0 || maxPartsPerFlow <= 0
        || maxDecodedBytesPerFlow <= 0 || maxRunsPerPart <= 0) {
      throw new IllegalArgumentException("detector limits must be positive");
    }
  }

  /** A size as the notes and findings name a cap: {@code 16 GiB}, {@code 16 MiB}, {@code 64 KiB}, {@code 1000 bytes}. */
  public static String size(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }

  /** Limits with the default decoding caps: decoded bytes up to what may be searched, 4,096 runs a part. */
  public DetectorLimits(int maxInflatedBytes, long maxBytesPerFlow, int maxPartsPerFlow) {
    this(maxInflatedBytes, maxBytesPerFlow, maxPartsPerFlow, maxBytesPerFlow, 4096);
  }
}
