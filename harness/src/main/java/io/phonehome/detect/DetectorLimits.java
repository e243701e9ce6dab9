package io.phonehome.detect;

/**
 * Bounds on the work the detector does for one flow, so that hostile input (a
 * decompression bomb, a body of a million base64 runs) costs a note, not the run.
 *
 * @param maxInflatedBytes the most bytes one decompression may produce; beyond it only
 *     that many are searched and a note says so
 * @param maxBytesPerFlow the most bytes searched per flow, all decoded layers together
 * @param maxPartsPerFlow the most parts (fields, headers, decoded runs) searched per flow
 */
public record DetectorLimits(int maxInflatedBytes, long maxBytesPerFlow, int maxPartsPerFlow) {
  /** 16 MiB per decompression, 64 MiB and 20,000 parts per flow. */
  public static final DetectorLimits DEFAULT = new DetectorLimits(16 << 20, 64L << 20, 20_000);

  public DetectorLimits {
    if (maxInflatedBytes <= 0 || maxBytesPerFlow <= 0 || maxPartsPerFlow <= 0) {
      throw new IllegalArgumentException("detector limits must be positive");
    }
  }
}
