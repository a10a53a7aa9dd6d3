package io.metarl.api.env;

import java.awt.Graphics2D;

/** An environment that can draw its current state (Java2D), for videos and for people to look at. */
public interface Renderable {

  /** Draws the current state into a {@code width x height} canvas. */
  void render(Graphics2D g, int width, int height);
}
