package io.metarl.agents.meta;

import io.metarl.testkit.TwoArms;
import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.api.agent.MetaMemory;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.core.rollout.Lanes;
import org.junit.jupiter.api.Test;

/** The RL² memory is carried across the episodes of a trial and reset exactly when a trial starts. */
class MetaMemoryTest {

  @Test
  void memoryIsCarriedAcrossEpisodesAndResetBetweenTrials() {
    var tasks = TwoArms.random(3);
    EnvironmentSpec spec = tasks.spec();
    MetaInputs inputs = new MetaInputs(spec);
    Rl2Agent agent = new Rl2Agent(BaseAgent.of(inputs.augmentedSpec(), 6, 9), spec, inputs);
    int lanes = 2;
    Policy policy = agent.policy(lanes, 1);
    MetaMemory memory = policy.memory().orElseThrow();
    Policy fresh = agent.policy(lanes, 1);
    MetaMemory freshMemory = fresh.memory().orElseThrow();
    PolicyOutput out = new PolicyOutput(spec.actionSpace(), lanes);
    PolicyOutput freshOut = new PolicyOutput(spec.actionSpace(), lanes);

    // 2 episodes of 3 steps per trial: steps 0-5 are trial 0, steps 6-11 trial 1.
    try (Lanes env = new Lanes(tasks, spec, lanes, 2, 0, 42)) {
      env.startAll();
      for (int step = 0; step < 12; step++) {
        boolean trialStart = env.input.trialStart[0];
        boolean episodeStart = step % 3 == 0;
        float[] before = memory.hiddenState(0);
        if (step == 0) {
          assertThat(before).containsOnly(0f);
        }
        if (episodeStart && !trialStart) {
          // A new episode inside the trial: the memory from the previous episode is still there.
          assertThat(before).as("memory at the start of episode 2 of a trial").isNotEqualTo(new float[6]);
          assertThat(env.input.previousDone[0]).isTrue();
        }
        assertThat(trialStart).isEqualTo(step % 6 == 0);
        policy.act(env.input, Mode.EXPLORE, out);
        if (trialStart) {
          // After a reset the state equals that of a brand-new policy given the same input.
          fresh.memory().orElseThrow().reset(0);
          fresh.memory().orElseThrow().reset(1);
          fresh.act(env.input, Mode.EXPLORE, freshOut);
          assertThat(memory.hiddenState(0)).isEqualTo(freshMemory.hiddenState(0));
          assertThat(memory.cellState(1)).isEqualTo(freshMemory.cellState(1));
        }
        env.step(out.actions, true);
      }
    }
  }
}
