package io.metarl.envs.quadruped;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.util.function.DoubleUnaryOperator;

/**
 * Draws an {@link A1Simulation} from the robot's right side (the x-z plane, +x to the right): the
 * terrain's boxes, the trunk, the thigh and calf of each leg (the far, left legs darker and behind the
 * trunk) with its toe, a distance ruler along the bottom (a tick every 0.5 m of world x, labelled every
 * metre, so that walking shows although the view follows the trunk) and a caption line.
 */
final class QuadrupedRenderer {
  /** The trunk's colour (tests look for it). */
  static final Color TRUNK = new Color(40, 40, 40);
  private static final Color SKY = new Color(225, 235, 245);
  private static final Color GROUND = new Color(120, 110, 95);
  private static final Color BOX = new Color(150, 140, 120);
  private static final Color FAR_LEG = new Color(150, 80, 20);
  private static final Color NEAR_LEG = new Color(240, 120, 30);
  /** Metres of world height shown in the frame's height. */
  private static final double VIEW_HEIGHT = 1.6;

  private QuadrupedRenderer() {}

  /**
   * Draws {@code sim} into a {@code width x height} canvas, or only the sky when {@code sim} is null
   * (before the first reset), with {@code caption} in the top left corner.
   */
  static void draw(Graphics2D g, int width, int height, A1Simulation sim, String caption) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(SKY);
    g.fillRect(0, 0, width, height);
    if (sim == null) {
      return;
    }
    double[] p = sim.basePosition();
    double scale = height / VIEW_HEIGHT;
    double cx = p[0];
    double cz = p[2] - 0.15;
    DoubleUnaryOperator sx = x -> width / 2.0 + (x - cx) * scale;
    DoubleUnaryOperator sz = z -> height * 0.55 - (z - cz) * scale;
    g.setColor(GROUND);
    int groundY = (int) Math.round(sz.applyAsDouble(0));
    g.fillRect(0, groundY, width, Math.max(0, height - groundY));
    drawBoxes(g, sim, cx, width / scale, sx, sz);
    double[][] anchors = sim.jointAnchors();
    double[][] feet = sim.footPositions();
    g.setStroke(new BasicStroke((float) Math.max(2, scale * 0.02), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    // Far (left) legs first, then the trunk, then the near (right) legs.
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1) {
        drawTrunk(g, sim, sx, sz);
      }
      for (int leg = 0; leg < A1.NUM_LEGS; leg++) {
        boolean left = A1.leftSign(leg) > 0;
        if (left == (pass == 0)) {
          drawLeg(g, anchors[3 * leg + 1], anchors[3 * leg + 2], feet[leg], left ? FAR_LEG : NEAR_LEG, scale, sx, sz);
        }
      }
    }
    drawRuler(g, width, height, cx, scale, sx);
    g.setColor(Color.DARK_GRAY);
    g.setFont(g.getFont().deriveFont(Font.PLAIN, Math.max(10f, height / 30f)));
    g.drawString(caption, 10, (int) (g.getFont().getSize2D() * 1.4));
  }

  /** The terrain's boxes within {@code halfSpan} metres of {@code cx}, rotated about y by their pitch. */
  private static void drawBoxes(Graphics2D g, A1Simulation sim, double cx, double halfSpan, DoubleUnaryOperator sx,
      DoubleUnaryOperator sz) {
    g.setColor(BOX);
    double[][] corners = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (double[] b : sim.layout().boxes) {
      if (b[0] + b[3] / 2 < cx - halfSpan || b[0] - b[3] / 2 > cx + halfSpan) {
        continue;
      }
      double c = Math.cos(b[6]);
      double s = Math.sin(b[6]);
      Path2D poly = new Path2D.Double();
      for (int i = 0; i < 4; i++) {
        double lx = corners[i][0] * b[3] / 2;
        double lz = corners[i][1] * b[5] / 2;
        // Ry(pitch): x' = c x + s z, z' = -s x + c z.
        double wx = b[0] + c * lx + s * lz;
        double wz = b[2] - s * lx + c * lz;
        if (i == 0) {
          poly.moveTo(sx.applyAsDouble(wx), sz.applyAsDouble(wz));
        } else {
          poly.lineTo(sx.applyAsDouble(wx), sz.applyAsDouble(wz));
        }
      }
      poly.closePath();
      g.fill(poly);
    }
  }

  /** Thigh (hip joint to knee) and calf (knee to toe), the toe as a disc. */
  private static void drawLeg(Graphics2D g, double[] hip, double[] knee, double[] toe, Color color, double scale,
      DoubleUnaryOperator sx, DoubleUnaryOperator sz) {
    g.setColor(color);
    Path2D path = new Path2D.Double();
    path.moveTo(sx.applyAsDouble(hip[0]), sz.applyAsDouble(hip[2]));
    path.lineTo(sx.applyAsDouble(knee[0]), sz.applyAsDouble(knee[2]));
    path.lineTo(sx.applyAsDouble(toe[0]), sz.applyAsDouble(toe[2]));
    g.draw(path);
    double rr = A1.TOE_RADIUS * scale;
    g.fillOval((int) (sx.applyAsDouble(toe[0]) - rr), (int) (sz.applyAsDouble(toe[2]) - rr), (int) (2 * rr), (int) (2 * rr));
  }

  /** The trunk's collision box, seen from the side. */
  private static void drawTrunk(Graphics2D g, A1Simulation sim, DoubleUnaryOperator sx, DoubleUnaryOperator sz) {
    double[] r = sim.baseRotation();
    double[] p = sim.basePosition();
    double[] com = A1.TRUNK_COM;
    double hx = A1.TRUNK_BOX[0] / 2;
    double hz = A1.TRUNK_BOX[2] / 2;
    double[][] corners = {{-hx, -hz}, {hx, -hz}, {hx, hz}, {-hx, hz}};
    Path2D poly = new Path2D.Double();
    for (int i = 0; i < 4; i++) {
      double[] w = Rot.transform(r, p, corners[i][0] - com[0], -com[1], corners[i][1] - com[2]);
      if (i == 0) {
        poly.moveTo(sx.applyAsDouble(w[0]), sz.applyAsDouble(w[2]));
      } else {
        poly.lineTo(sx.applyAsDouble(w[0]), sz.applyAsDouble(w[2]));
      }
    }
    poly.closePath();
    g.setColor(TRUNK);
    g.fill(poly);
  }

  /** A strip along the bottom: a tick every 0.5 m of world x, the metres labelled. */
  private static void drawRuler(Graphics2D g, int width, int height, double cx, double scale, DoubleUnaryOperator sx) {
    int strip = Math.max(14, height / 14);
    int top = height - strip;
    g.setColor(new Color(245, 245, 240));
    g.fillRect(0, top, width, strip);
    g.setColor(Color.DARK_GRAY);
    g.setStroke(new BasicStroke(1f));
    g.setFont(g.getFont().deriveFont(Font.PLAIN, Math.max(9f, strip * 0.6f)));
    double half = width / 2.0 / scale;
    for (long k = (long) Math.floor((cx - half) * 2); k <= (long) Math.ceil((cx + half) * 2); k++) {
      int x = (int) Math.round(sx.applyAsDouble(k * 0.5));
      boolean metre = k % 2 == 0;
      g.drawLine(x, top, x, top + (metre ? strip / 2 : strip / 4));
      if (metre) {
        g.drawString((k / 2) + " m", x + 2, height - 2);
      }
    }
  }
}
