package io.metarl.envs.gym.classic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Java2D drawing shared by the two mountain-car ports (after Gymnasium's pygame drawing). */
final class MountainCarDrawing {
  private MountainCarDrawing() {}

  static final double MIN_POSITION = -1.2;
  static final double MAX_POSITION = 0.6;

  static double height(double xs) {
    return Math.sin(3 * xs) * 0.45 + 0.55;
  }

  static void draw(Graphics2D g, int width, int height, double position, double goalPosition) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double scale = width / (MAX_POSITION - MIN_POSITION);
    double yScale = height / 400.0 * 600.0 / width * scale; // keep Gymnasium's aspect at 600x400
    double base = height;
    Path2D.Double track = new Path2D.Double();
    for (int i = 0; i <= 100; i++) {
      double xs = MIN_POSITION + (MAX_POSITION - MIN_POSITION) * i / 100.0;
      double px = (xs - MIN_POSITION) * scale;
      double py = base - height(xs) * yScale;
      if (i == 0) {
        track.moveTo(px, py);
      } else {
        track.lineTo(px, py);
      }
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1.5f));
    g.draw(track);
    // flag
    double fx = (goalPosition - MIN_POSITION) * scale;
    double fy = base - height(goalPosition) * yScale;
    double pole = 50 * height / 400.0;
    g.draw(new Line2D.Double(fx, fy, fx, fy - pole));
    g.setColor(new Color(204, 204, 0));
    Path2D.Double flag = new Path2D.Double();
    flag.moveTo(fx, fy - pole);
    flag.lineTo(fx, fy - pole + 10 * height / 400.0);
    flag.lineTo(fx + 25 * width / 600.0, fy - pole + 5 * height / 400.0);
    flag.closePath();
    g.fill(flag);
    // car, tilted with the slope
    double carWidth = 40 * width / 600.0;
    double carHeight = 20 * height / 400.0;
    double clearance = 10 * height / 400.0;
    double cx = (position - MIN_POSITION) * scale;
    double cy = base - height(position) * yScale;
    double angle = Math.atan(Math.cos(3 * position) * 3 * 0.45 * yScale / scale);
    AffineTransform saved = g.getTransform();
    g.translate(cx, cy);
    g.rotate(-angle);
    g.setColor(Color.BLACK);
    g.fill(new Rectangle2D.Double(-carWidth / 2, -clearance - carHeight, carWidth, carHeight));
    g.setColor(Color.GRAY);
    double r = carHeight / 2.5;
    g.fill(new Ellipse2D.Double(carWidth / 4 - r, -clearance - r, 2 * r, 2 * r));
    g.fill(new Ellipse2D.Double(-carWidth / 4 - r, -clearance - r, 2 * r, 2 * r));
    g.setTransform(saved);
  }
}
