import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateRecord;
import io.metarl.core.Metarl;
import io.metarl.core.train.EvaluationResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * metarl from Java: A2C on CartPole-v0, trained in memory with a listener, evaluated on held-out
 * episodes, saved. Run it from the repository root after building (./mvnw -B -DskipTests package -pl app -am):
 *
 *   java -cp "app/target/metarl-app.jar:app/target/lib/*" examples/java/TrainCartPole.java [ENV_STEPS]
 */
public class TrainCartPole {
  public static void main(String[] args) throws Exception {
    long envSteps = args.length > 0 ? Long.parseLong(args[0]) : 300_000;
    String hocon = """
        metarl {
          environment { plugin = cartpole, version = v0 }
          agent { plugin = a2c, hidden = [64, 64], optimizer { type = rmsprop, learning-rate = 7e-4, max-grad-norm = 0.5 } }
          returns { plugin = gae, gamma = 0.99, lambda = 0.95 }
          training { trials = 1, episodes-per-trial = 1000000, lanes = 8, rollout-length = 5 }
          inference { trials = 20, episodes-per-trial = 1, mode = greedy }
        }
        """;
    try (Metarl rl = Metarl.hocon(hocon).set("training.env-steps", envSteps).seed(1).build()) {
      TrainingListener progress = new TrainingListener() {
        @Override
        public void onUpdate(UpdateRecord u) {
          if (u.update() % 2000 == 0) {
            System.out.printf("update %d, %d env-steps, loss %.3f%n", u.update(), u.envSteps(), u.metrics().get("loss"));
          }
        }
      };
      Metarl.Training t = rl.train(progress);
      System.out.printf("trained: %,d env-steps, %,d episodes in %.1f s; mean return of the last 100 episodes %.1f%n",
          t.envSteps(), t.episodes(), t.seconds(), t.meanReturnLast100());
      EvaluationResult e = rl.evaluate();
      System.out.printf("held-out: %d episodes, mean return %.1f +- %.1f (stderr)%n", e.episodes(), e.meanReturn(), e.stderr());
      Path dir = Files.createTempDirectory("metarl-cartpole");
      rl.save(dir);
      System.out.println("saved the agent's parameters in " + dir);
    }
  }
}
