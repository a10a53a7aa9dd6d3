package io.metarl.extensions.epg;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.env.Box;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.PolicyLossProvider;
import io.metarl.api.plugin.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code agent.policy-loss { plugin = epg, file = "runs/epg-cartpole/loss.json" }}: trains the
 * actor-critic agent's policy with an evolved loss written by {@code metarl epg evolve}
 * ({@link EpgPolicyLoss}). Keys: {@code file} (the {@code loss.json}; relative paths are resolved
 * against the working directory) and {@code memory-learning-rate}.
 */
@AutoService(PolicyLossProvider.class)
public final class EpgPolicyLossProvider implements PolicyLossProvider {
  @Override
  public String name() {
    return "epg";
  }

  @Override
  public String description() {
    return "an evolved loss L_phi (loss.json of metarl epg evolve) as the agent's policy loss";
  }

  @Override
  public PolicyLoss create(Config section, EnvironmentSpec environment, PluginContext context) {
    String name = section.getString("file");
    if (name.isBlank()) {
      throw new InvalidSettingException("file", "\"\"", "the path of an evolved loss (the loss.json written by metarl epg evolve)");
    }
    Path file = Path.of(name);
    if (!Files.isRegularFile(file)) {
      throw new InvalidSettingException("file", name, "an existing evolved-loss file (the loss.json written by metarl epg evolve); "
          + file.toAbsolutePath().normalize() + " does not exist");
    }
    EvolvedLoss loss;
    try {
      loss = EvolvedLoss.load(file);
    } catch (IOException e) {
      throw new InvalidSettingException("file", name, "a readable evolved-loss file (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("file", name, "an evolved-loss file (" + e.getMessage() + ")");
    }
    if (!(environment.observationSpace() instanceof Box)) {
      throw new InvalidSettingException("file", name, "a run whose environment has a Box observation space (EPG losses"
          + " read observation vectors); " + environment.id() + " has " + environment.observationSpace());
    }
    String mismatch = loss.mismatch(environment);
    if (mismatch != null) {
      throw new InvalidSettingException("file", name, "a loss evolved for the environment's spaces, but " + mismatch
          + " (" + environment.id() + ")");
    }
    Config run = context.runConfig();
    if (run.hasPath("training.rollout-length") && run.getInt("training.rollout-length") > loss.spec().buffer()) {
      throw new InvalidSettingException("file", name, "a loss whose buffer holds one update: its buffer has "
          + loss.spec().buffer() + " steps, metarl.training.rollout-length is " + run.getInt("training.rollout-length")
          + " (lower it to at most " + loss.spec().buffer() + ")");
    }
    double lr = Settings.positive(section, "memory-learning-rate");
    return new EpgPolicyLoss(loss, lr);
  }
}
