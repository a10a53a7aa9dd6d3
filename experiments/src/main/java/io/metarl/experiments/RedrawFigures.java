package io.metarl.experiments;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Redraws the learning-curve figures of finished experiment directories from their
 * {@code episodes.csv(.gz)}, without retraining:
 * {@code java -cp app/target/metarl-app.jar io.metarl.experiments.RedrawFigures reports/cartpole}.
 */
public final class RedrawFigures {
  private RedrawFigures() {}

  /** Each argument is an experiment's output directory. */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: RedrawFigures EXPERIMENT_DIR...");
      System.exit(2);
    }
    for (String a : args) {
      for (Path p : ExperimentReport.redrawLearningCurves(Path.of(a))) {
        System.out.println("wrote " + p);
      }
    }
  }
}
