package io.salvo.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Histograms as they travel in JSON: HdrHistogram's compressed encoding, in base64. HdrHistogram's
 * own tools decode the same bytes.
 */
public final class Histograms {
  private Histograms() {}

  public static String encode(Histogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int len = h.encodeIntoCompressedByteBuffer(buf);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), len));
  }

  /**
   * Decodes a histogram.
   *
   * @throws IllegalArgumentException when the text is not a compressed histogram
   */
  public static Histogram decode(String base64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
      h.setAutoResize(true);
      return h;
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("not an encoded HdrHistogram: " + e.getMessage(), e);
    }
  }
}
