package io.metarl.extensions.metagradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.task.TaskDistribution;
import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateRecord;
import io.metarl.api.agent.Agent;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ActorCriticSettings;
import io.metarl.core.agent.ModelAgent;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.nn.Activation;
import io.metarl.core.returns.GaeEstimator;
import io.metarl.core.train.Budget;
import io.metarl.core.train.Trainer;
import io.metarl.extensions.metagradient.env.DelayedChainProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hook inside core's real {@link Trainer} and actor-critic learner (a synchronous agent on core's machinery). */
class TrainingTest {
  private static final OptimizerSettings RMSPROP = new OptimizerSettings("rmsprop", 3e-3, 0.99, 1e-5, 0.5);
  private static final TaskDistribution CHAIN = TaskDistribution.fixed(DelayedChainProvider.task(5, 0.75, 1.0));

  private record Result(List<Double> returns, List<UpdateRecord> updates, double[] parameters) {}

  private static Result train(List<TrainingListener> extra, long envSteps, long seed) {
    var s = new ActorCriticSettings(List.of(16), Activation.TANH, false, 0, 0.5, 0.01, false, 0.0, 1);
    ActorCriticModel model = new ActorCriticModel("a2c", CHAIN.spec(), s, RMSPROP, seed);
    Agent agent = new ModelAgent(model);
    List<Double> returns = new ArrayList<>();
    List<UpdateRecord> updates = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onEpisode(EpisodeRecord e) {
        returns.add(e.totalReturn());
      }

      @Override
      public void onUpdate(UpdateRecord u) {
        updates.add(u);
      }
    };
    List<TrainingListener> listeners = new ArrayList<>(extra);
    listeners.add(recorder);
    TrainingSettings ts = new TrainingSettings(1, 1_000_000, 0, envSteps, 8, 10, 0);
    new Trainer(agent, CHAIN, new GaeEstimator(0.9, 0.95), ts, listeners, seed, new Budget(ts)).run();
    return new Result(returns, updates, model.store().values().clone());
  }

  private static MetaGradient hook(List<String> learn, double rate) {
    return new MetaGradient(new MetaGradientSettings(learn, 0.9, 0.95, 0.995, 1.0, rate, "adam", 0.0));
  }

  @Test
  void learningNothingIsBitIdenticalToNoExtension() {
    Result plain = train(List.of(), 8_000, 5);
    Result none = train(List.of(hook(List.of(), 0.1)), 8_000, 5);
    assertThat(none.returns()).isEqualTo(plain.returns());
    assertThat(none.parameters()).isEqualTo(plain.parameters());
    assertThat(none.updates()).hasSameSizeAs(plain.updates());
    for (int i = 0; i < plain.updates().size(); i++) {
      assertThat(none.updates().get(i).metrics()).isEqualTo(plain.updates().get(i).metrics());
    }
    assertThat(plain.returns()).hasSizeGreaterThan(100);
  }

  @Test
  void metaParametersAreLearnedAndReportedEveryUpdate() {
    Result r = train(List.of(hook(List.of("gamma", "lambda"), 0.05)), 20_000, 3);
    List<UpdateRecord> u = r.updates();
    assertThat(u).hasSizeGreaterThan(200);
    assertThat(u.get(0).metrics()).containsKeys("meta/gamma", "meta/lambda", "meta/grad_gamma", "meta/grad_lambda", "loss");
    assertThat(u.get(0).metrics().get("meta/gamma")).isCloseTo(0.9, within(1e-12));
    assertThat(u.get(0).metrics().get("meta/lambda")).isCloseTo(0.95, within(1e-12));
    assertThat(u.get(0).metrics().get("meta/grad_gamma")).isEqualTo(0.0);
    assertThat(u.get(1).metrics().get("meta/grad_gamma")).isNotEqualTo(0.0);
    double lastGamma = u.get(u.size() - 1).metrics().get("meta/gamma");
    double lastLambda = u.get(u.size() - 1).metrics().get("meta/lambda");
    assertThat(lastGamma).isStrictlyBetween(0.0, 1.0).isNotCloseTo(0.9, within(0.01));
    assertThat(lastLambda).isStrictlyBetween(0.0, 1.0).isNotCloseTo(0.95, within(0.001));
    // the same seed gives the same meta-trajectory
    Result again = train(List.of(hook(List.of("gamma", "lambda"), 0.05)), 20_000, 3);
    assertThat(again.updates().get(u.size() - 1).metrics()).isEqualTo(u.get(u.size() - 1).metrics());
  }

  @Test
  void gammaAloneLeavesLambdaAtTheEstimatorsValue() {
    Result r = train(List.of(hook(List.of("gamma"), 0.05)), 4_000, 4);
    assertThat(r.updates()).allSatisfy(x -> assertThat(x.metrics().get("meta/lambda")).isEqualTo(0.95));
    assertThat(r.updates().get(0).metrics()).doesNotContainKey("meta/grad_lambda");
  }
}
