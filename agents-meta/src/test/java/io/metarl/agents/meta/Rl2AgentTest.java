package io.metarl.agents.meta;

import io.metarl.testkit.TwoArms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.agent.Agent;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.ReturnSpan;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateContext;
import io.metarl.api.train.UpdateHook;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.returns.MonteCarloEstimator;
import io.metarl.core.train.Budget;
import io.metarl.core.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RL²'s meta inputs, its trial-long returns, and how it builds its base through the api. */
class Rl2AgentTest {

  @Test
  void metaInputsAreZeroAtATrialStartThenPreviousActionRewardAndDone() {
    EnvironmentSpec spec = new EnvironmentSpec("t", Box.of(-1, 1, 2), new Discrete(3));
    MetaInputs meta = new MetaInputs(spec);
    assertThat(meta.augmentedSpec().observationSpace().flatSize()).isEqualTo(2 + 3 + 2);
    PolicyInput in = new PolicyInput(spec.observationSpace(), spec.actionSpace(), 2);
    PolicyInput out = new PolicyInput(meta.augmentedSpec().observationSpace(), spec.actionSpace(), 2);
    in.observations[0] = 0.5f;
    in.observations[1] = -0.25f;
    in.observations[2] = 0.75f;
    in.previousActions.discrete[0] = 2;
    in.previousActions.discrete[1] = 1;
    in.previousRewards[0] = 3f;
    in.previousRewards[1] = 4f;
    in.previousDone[0] = true;
    in.previousDone[1] = true;
    in.trialStart[1] = true;
    meta.fill(in, out);
    assertThat(java.util.Arrays.copyOfRange(out.observations, 0, 7)).containsExactly(0.5f, -0.25f, 0f, 0f, 1f, 3f, 1f);
    // lane 1 starts a trial: nothing of the previous task leaks in
    assertThat(java.util.Arrays.copyOfRange(out.observations, 7, 14)).containsExactly(0.75f, 0f, 0f, 0f, 0f, 0f, 0f);
    assertThat(out.trialStart).containsExactly(false, true);
  }

  @Test
  void continuousPreviousActionsAreRaw() {
    EnvironmentSpec spec = new EnvironmentSpec("t", Box.of(-1, 1, 1), Box.of(-2, 2, 2));
    MetaInputs meta = new MetaInputs(spec);
    PolicyInput in = new PolicyInput(spec.observationSpace(), spec.actionSpace(), 1);
    PolicyInput out = new PolicyInput(meta.augmentedSpec().observationSpace(), spec.actionSpace(), 1);
    in.previousActions.continuous[0] = 1.5f;
    in.previousActions.continuous[1] = -3f;
    in.previousRewards[0] = -1f;
    meta.fill(in, out);
    assertThat(out.observations).containsExactly(0f, 1.5f, -3f, -1f, 0f);
  }

  @Test
  void returnsRunAcrossTheEpisodesOfATrialAndStopAtItsEnd() {
    var tasks = TwoArms.random(3);
    EnvironmentSpec spec = tasks.spec();
    MetaInputs inputs = new MetaInputs(spec);
    Rl2Agent agent = new Rl2Agent(BaseAgent.of(inputs.augmentedSpec(), 4, 1), spec, inputs);
    assertThat(agent.returnSpan()).isEqualTo(ReturnSpan.TRIAL);
    assertThat(agent.recurrent()).isTrue();
    List<boolean[]> terminated = new ArrayList<>();
    List<boolean[]> truncated = new ArrayList<>();
    class Spy implements TrainingListener, UpdateHook {
      @Override
      public void beforeUpdate(UpdateContext ctx) {
        terminated.add(ctx.batch().terminated.clone());
        truncated.add(ctx.batch().truncated.clone());
      }

      @Override
      public void afterUpdate(UpdateContext ctx) {}
    }
    // 2 episodes of 3 steps per trial, 1 lane, rollouts of 6 steps: each rollout is one trial.
    TrainingSettings ts = new TrainingSettings(4, 2, 0, 0, 1, 6, 0);
    new Trainer(agent, tasks, new MonteCarloEstimator(0.9), ts, List.of(new Spy()), 5, new Budget(ts)).run();
    assertThat(terminated).isNotEmpty();
    for (int u = 0; u < terminated.size(); u++) {
      // the episode end at step 2 is not a return boundary; the trial's end at step 5 is terminal
      assertThat(terminated.get(u)).containsExactly(false, false, false, false, false, true);
      assertThat(truncated.get(u)).containsOnly(false);
    }
  }

  /** A context that knows one agent plugin, {@code base}. */
  private static PluginContext context(AgentProvider base) {
    Config metarl = ConfigFactory.parseString("seed = 1");
    return new PluginContext() {
      @Override
      public long seed() {
        return 1;
      }

      @Override
      public Config runConfig() {
        return metarl;
      }

      @Override
      @SuppressWarnings("unchecked")
      public <P extends Plugin> P provider(Class<P> kind, String name) {
        if (!name.equals(base.name())) {
          throw new IllegalArgumentException("unknown agent plugin '" + name + "'; known: " + base.name());
        }
        return (P) base;
      }

      @Override
      public Config pluginSection(String name, Config overrides) {
        return overrides;
      }
    };
  }

  private static final Config SECTION = ConfigFactory.parseString("base = memoryless, memory { units = 4 }");
  private static final EnvironmentSpec SPEC = TwoArms.fixed(0, 3).spec();

  private static AgentProvider memoryless() {
    return new AgentProvider() {
      @Override
      public String name() {
        return "memoryless";
      }

      @Override
      public Agent create(Config section, EnvironmentSpec environment, PluginContext context) {
        throw new AssertionError("RL² must ask for a memory");
      }
    };
  }

  @Test
  void aBaseWithoutARecurrentPolicyIsRefusedNamingIt() {
    assertThatThrownBy(() -> new Rl2Provider().create(SECTION, SPEC, context(memoryless())))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("base = memoryless")
        .hasMessageContaining("recurrent policy");
  }

  @Test
  void anUnknownBaseOrRl2ItselfIsRefused() {
    assertThatThrownBy(() -> new Rl2Provider().create(ConfigFactory.parseString("base = nope, memory { units = 4 }"),
        SPEC, context(memoryless())))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("base = nope")
        .hasMessageContaining("known: memoryless");
    assertThatThrownBy(() -> new Rl2Provider().create(ConfigFactory.parseString("base = rl2, memory { units = 4 }"),
        SPEC, context(memoryless())))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("other than rl2");
  }

  @Test
  void theBaseIsBuiltForTheAugmentedInputWithTheRequestedMemoryFromTheSectionMinusRl2Keys() {
    List<Object> seen = new ArrayList<>();
    AgentProvider recurrent = new AgentProvider() {
      @Override
      public String name() {
        return "memoryless";
      }

      @Override
      public Agent create(Config section, EnvironmentSpec environment, PluginContext context) {
        throw new AssertionError("RL² must ask for a memory");
      }

      @Override
      public Agent createWithMemory(Config section, EnvironmentSpec environment, PluginContext context, int units) {
        seen.add(section);
        seen.add(environment.observationSpace().flatSize());
        seen.add(units);
        return BaseAgent.of(environment, units, 1);
      }
    };
    Agent rl2 = new Rl2Provider().create(SECTION.withFallback(ConfigFactory.parseString("workers = 2")), SPEC,
        context(recurrent));
    assertThat(rl2.spec()).isEqualTo(SPEC);
    Config given = (Config) seen.get(0);
    assertThat(given.hasPath("base")).isFalse();
    assertThat(given.hasPath("memory")).isFalse();
    assertThat(given.getInt("workers")).isEqualTo(2);
    assertThat(seen.get(1)).isEqualTo(1 + 2 + 2); // observation, one-hot of 2 actions, reward, done
    assertThat(seen.get(2)).isEqualTo(4);
  }
}
