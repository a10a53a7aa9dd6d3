package io.metarl.listeners.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte-level metrics.jsonl writer gives the same text as the StringBuilder code it replaced. */
class JsonLinesWriterTest {

  /** The listener's former line formatting (StringBuilder.append(double), Long.toString), kept as the reference. */
  private static String reference(String tag, long step, double value, double wall) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"tag\":\"");
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append("\",\"step\":").append(step).append(",\"value\":");
    if (Double.isFinite(value)) {
      sb.append(value);
    } else {
      sb.append("null");
    }
    long micros = Math.round(wall * 1e6);
    sb.append(",\"wall_time\":").append(micros / 1_000_000).append('.');
    String frac = Long.toString(micros % 1_000_000);
    for (int i = frac.length(); i < 6; i++) {
      sb.append('0');
    }
    sb.append(frac).append("}\n");
    return sb.toString();
  }

  @Test
  void sameTextAsTheStringBuilderVersion() throws Exception {
    List<String> tags = List.of("episode/return", "train/loss", "t\"q\\u\u0001", "é/ü", "x".repeat(300));
    double[] special = {0.0, -0.0, 1.0, -1.0, 200.0, 9_999_999.0, 1e7, -1e7, 1e7 + 1, 0.5, 1e-3, 9.99e-4, 123456.789,
        Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 4503599627370496.0, 72.46, 1.0 / 3};
    SplittableRandom rng = new SplittableRandom(5);
    List<double[]> cases = new ArrayList<>();
    for (double v : special) {
      cases.add(new double[] {v, 1.7e9 + rng.nextDouble()});
    }
    for (int i = 0; i < 20_000; i++) {
      double v = switch (i % 4) {
        case 0 -> rng.nextInt(-1000, 1000);
        case 1 -> rng.nextDouble(-1e3, 1e3);
        case 2 -> Double.longBitsToDouble(rng.nextLong());
        default -> rng.nextInt(1 << 30) * Math.pow(10, rng.nextInt(-12, 12));
      };
      cases.add(new double[] {v, rng.nextDouble(0, 4e9)});
    }
    cases.add(new double[] {1.0, 0.0});
    cases.add(new double[] {1.0, 1.9999999});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder expected = new StringBuilder();
    try (JsonLinesWriter w = new JsonLinesWriter(out, 1024)) {
      long step = 0;
      for (int i = 0; i < cases.size(); i++) {
        String tag = tags.get(i % tags.size());
        step = i % 7 == 0 ? Long.MAX_VALUE - i : step + 320;
        w.point(tag, step, cases.get(i)[0], cases.get(i)[1]);
        expected.append(reference(tag, step, cases.get(i)[0], cases.get(i)[1]));
        if (i % 5000 == 0) {
          w.flush();
        }
      }
    }
    String got = out.toString(StandardCharsets.UTF_8);
    String want = expected.toString();
    if (!got.equals(want)) { // show the first differing line
      String[] g = got.split("\n", -1);
      String[] e = want.split("\n", -1);
      for (int i = 0; i < Math.min(g.length, e.length); i++) {
        assertThat(g[i]).as("line " + i).isEqualTo(e[i]);
      }
    }
    assertThat(got).isEqualTo(want);
  }
}
