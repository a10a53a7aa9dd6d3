package io.metarl.envs.quadruped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The terrains (tasks) of the quadruped, rebuilt from MetaGym's
 * {@code metagym/quadrupedal/envs/utilities/terrain.py} and {@code locomotion_gym_env.py} (master,
 * commit ca724c2): courses of static boxes in front of a robot that starts at the origin facing +x.
 * Every terrain also has the flat ground plane {@code z = 0} under it, as MetaGym loads
 * {@code plane_implicit.urdf} for every task.
 *
 * <ul>
 *   <li>{@code plane}: MetaGym's "ground".
 *   <li>{@code stairs-8cm}: "stairstair": five 8 cm x 25 cm steps up, five down, 1 m flat, repeated.
 *   <li>{@code stairs-13cm}: "highstair"/"stair13": a staircase of 13 cm x 40 cm steps.
 *   <li>{@code slopes}: "slopeslope": 0.34 rad (19.5 degrees) up over 1 m, 0.5 m flat, down, 1 m flat,
 *       repeated.
 *   <li>{@code balance-beam}: a 10 cm wide, 6 m long beam between two platforms, elevated (1 m here
 *       instead of MetaGym's 5 m; only the fall is shorter).
 *   <li>{@code gaps}: "gallop": 0.5 m platforms separated by 0.5 m gaps, elevated as the beam.
 *   <li>{@code cave}: a ceiling at 18 cm from x = 0.3 m between two low side walls.
 *   <li>{@code heightfield}: random ground: a grid of 15 cm cells with heights uniform in [0, 4] cm
 *       (MetaGym's heightfield is a smooth pybullet height field with 0 to 6.4 cm bumps; a box grid is
 *       used here), drawn from the task's terrain seed.
 * </ul>
 */
public enum Terrain {
  /** Flat ground. */
  PLANE("plane"),
  /** Up and down 8 cm stairs. */
  STAIRS_8CM("stairs-8cm"),
  /** A staircase of 13 cm steps. */
  STAIRS_13CM("stairs-13cm"),
  /** Up and down 0.34 rad slopes. */
  SLOPES("slopes"),
  /** A 10 cm balance beam. */
  BALANCE_BEAM("balance-beam"),
  /** 0.5 m gaps. */
  GAPS("gaps"),
  /** An 18 cm low ceiling. */
  CAVE("cave"),
  /** Random bumpy ground. */
  HEIGHTFIELD("heightfield");

  /** Height of the elevated terrains (beam, gaps). */
  static final double ELEVATION = 1.0;
  /** MetaGym's slope angle (env vectors {@code upslope}/{@code downslope}). */
  static final double SLOPE = 0.34;

  private final String id;

  Terrain(String id) {
    this.id = id;
  }

  /** The configuration name, e.g. {@code stairs-8cm}. */
  public String id() {
    return id;
  }

  /** All configuration names. */
  public static String[] ids() {
    Terrain[] all = values();
    String[] ids = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      ids[i] = all[i].id;
    }
    return ids;
  }

  /** The terrain called {@code id}, or {@code null}. */
  public static Terrain byId(String id) {
    for (Terrain t : values()) {
      if (t.id.equals(id.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    return null;
  }

  /** True when the layout depends on the terrain seed. */
  public boolean randomized() {
    return this == HEIGHTFIELD;
  }

  /** Builds the layout; {@code seed} matters only for {@link #randomized()} terrains. */
  Layout build(long seed) {
    Layout l = new Layout();
    switch (this) {
      case PLANE -> {}
      case STAIRS_8CM -> {
        double x = 0.5;
        for (int rep = 0; rep < 6; rep++) {
          for (int i = 0; i < 5; i++) {
            l.block(x + i * 0.25, x + (i + 1) * 0.25, -2.5, 2.5, (i + 1) * 0.08);
          }
          x += 1.25;
          for (int i = 0; i < 5; i++) {
            l.block(x + i * 0.25, x + (i + 1) * 0.25, -2.5, 2.5, 0.4 - i * 0.08);
          }
          x += 1.25 + 1.0;
        }
      }
      case STAIRS_13CM -> {
        for (int i = 0; i < 40; i++) {
          double x0 = 0.26 + 0.4 * i;
          l.block(x0, x0 + (i == 39 ? 0.8 : 0.4), -2.5, 2.5, 0.13 * (i + 1));
        }
      }
      case SLOPES -> {
        double x = 0.5;
        double rise = Math.tan(SLOPE);
        for (int rep = 0; rep < 6; rep++) {
          l.slope(x, 0, x + 1, rise);
          l.segments.add(new double[] {x, x + 1, SLOPE});
          l.block(x + 1, x + 1.5, -2.5, 2.5, rise);
          l.slope(x + 1.5, rise, x + 2.5, 0);
          l.segments.add(new double[] {x + 1.5, x + 2.5, -SLOPE});
          x += 3.5;
        }
      }
      case BALANCE_BEAM -> {
        l.block(-4.8, 0.2, -2.5, 2.5, ELEVATION);
        l.block(0.2, 6.2, -0.05, 0.05, ELEVATION);
        l.block(6.2, 11.2, -2.5, 2.5, ELEVATION);
      }
      case GAPS -> {
        l.block(-4.7, 0.3, -2.5, 2.5, ELEVATION);
        for (int i = 0; i < 30; i++) {
          l.block(0.8 + i, 1.3 + i, -2.5, 2.5, ELEVATION);
        }
        l.block(30.3, 35.3, -2.5, 2.5, ELEVATION);
      }
      case CAVE -> {
        l.box(10.3, 0, 0.18, 20, 0.66, 0.02, 0);
        l.box(10, 0.33, 0.09, 30, 0.02, 0.18, 0);
        l.box(10, -0.33, 0.045, 30, 0.02, 0.09, 0);
      }
      case HEIGHTFIELD -> {
        SplittableRandom rng = new SplittableRandom(seed);
        double cell = 0.15;
        for (int i = 0; i < 134; i++) {
          for (int j = 0; j < 10; j++) {
            double h = rng.nextDouble() * 0.04;
            double x0 = -1 + i * cell;
            double y0 = -0.75 + j * cell;
            l.box(x0 + cell / 2, y0 + cell / 2, (h - 0.1) / 2, cell, cell, h + 0.1, 0);
          }
        }
      }
      default -> throw new AssertionError(this);
    }
    l.spawnHeight = l.maxHeightIn(-0.25, 0.25, -0.2, 0.2); // under the feet
    return l;
  }

  /** Static geometry of one terrain: boxes, slope segments and the start height. */
  static final class Layout {
    /** Boxes: centre x, y, z, full extents x, y, z, rotation about y (radians). */
    final List<double[]> boxes = new ArrayList<>();
    /** Slope segments {@code x0, x1, signed slope} (positive uphill in +x). */
    final List<double[]> segments = new ArrayList<>();
    /** Height of the terrain under the start position. */
    double spawnHeight;

    void block(double x0, double x1, double y0, double y1, double top) {
      box((x0 + x1) / 2, (y0 + y1) / 2, top / 2, x1 - x0, y1 - y0, top, 0);
    }

    void box(double cx, double cy, double cz, double lx, double ly, double lz, double pitch) {
      boxes.add(new double[] {cx, cy, cz, lx, ly, lz, pitch});
    }

    /** A 5 cm thick plate whose top surface joins (x0, z0) to (x1, z1). */
    void slope(double x0, double z0, double x1, double z1) {
      double dx = x1 - x0;
      double dz = z1 - z0;
      double len = Math.hypot(dx, dz);
      double pitch = -Math.atan2(dz, dx);
      double t = 0.05;
      // Normal of the top surface: Ry(pitch) * (0, 0, 1) = (sin pitch, 0, cos pitch).
      double nx = Math.sin(pitch);
      double nz = Math.cos(pitch);
      box((x0 + x1) / 2 - nx * t / 2, 0, (z0 + z1) / 2 - nz * t / 2, len, 5.0, t, pitch);
    }

    /** The signed slope of the segment containing {@code x}, 0 on flat parts. */
    double slopeAt(double x) {
      for (double[] s : segments) {
        if (x >= s[0] && x <= s[1]) {
          return s[2];
        }
      }
      return 0;
    }

    /** Highest top of an axis-aligned box overlapping the rectangle, at least 0 (the ground). */
    double maxHeightIn(double x0, double x1, double y0, double y1) {
      double h = 0;
      for (double[] b : boxes) {
        if (b[6] != 0) {
          continue;
        }
        double top = b[2] + b[5] / 2;
        boolean ceiling = b[5] < 0.05 && b[2] > 0.1;
        if (!ceiling && b[0] + b[3] / 2 > x0 && b[0] - b[3] / 2 < x1 && b[1] + b[4] / 2 > y0
            && b[1] - b[4] / 2 < y1) {
          h = Math.max(h, top);
        }
      }
      return h;
    }
  }
}
