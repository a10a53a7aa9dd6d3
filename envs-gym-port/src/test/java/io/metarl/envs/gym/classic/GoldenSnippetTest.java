package io.metarl.envs.gym.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.env.Discrete;
import io.metarl.api.env.Step;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the first steps of one recorded Gymnasium episode per environment (copied from
 * {@code app/src/test/resources/golden/*.json}, Gymnasium 1.4.0 at commit 3f0476a8) so that this module checks its
 * dynamics without the app's full conformance run.
 */
class GoldenSnippetTest {

  record Snippet(String id, double[] initialState, double[] actions, double[] finalState, double rewardSum,
      boolean terminatedAtEnd) {
    @Override
    public String toString() {
      return id;
    }
  }

  static Stream<Snippet> snippets() {
    return Stream.of(
        new Snippet("CartPole-v0", new double[] {0.013696168732145436, -0.02302132862361297, -0.045902647606380534, -0.04834723644714709},
            new double[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1},
            new double[] {0.0674871003390797, 1.1702202630889882, -0.23051922012169399, -2.3516910342956914}, 18.0, true),
        new Snippet("Acrobot-v1", new double[] {0.02739233709871769, -0.046042658388614655, -0.09180529415607452, -0.0966944694519043},
            new double[] {2, 1, 1, 0, 0, 0, 0, 0, 0, 2, 1, 2, 1, 1, 2, 2, 1, 1, 1, 2, 0, 2, 2, 0, 1, 2, 1, 0, 2, 2, 2, 0, 0, 2, 0, 1, 0, 0, 1, 1},
            new double[] {-0.010991149078094065, -0.3506909191905568, 0.3892919038786822, -1.3480493956550932}, -40.0, false),
        new Snippet("MountainCar-v0", new double[] {-0.4726076625357092, 0.0},
            new double[] {2, 1, 1, 0, 0, 0, 0, 0, 0, 2, 1, 2, 1, 1, 2, 2, 1, 1, 1, 2, 0, 2, 2, 0, 1, 2, 1, 0, 2, 2, 2, 0, 0, 2, 0, 1, 0, 0, 1, 1},
            new double[] {-0.5363211858883915, 0.0014348963219415387}, -40.0, false),
        new Snippet("MountainCarContinuous-v0", new double[] {-0.4726076625357092, 0.0},
            new double[] {0.2739233746429086, -0.4604265724722594, -0.9180529521276106, -0.9669447289429418, 0.6265404784005448, 0.8255111545554434, 0.21327155153435973, 0.4589931219679968, 0.08724998293084574, 0.8701448475755365, 0.6317071082430643, -0.9945229996597038, 0.7148085531751387, -0.9328288493890713, 0.45931089285988813, -0.648688758794882, 0.7263578446997732, 0.08292244049818343, -0.40057621892523043, -0.1546255576046831, -0.9433606577090741, -0.7514334470008721, 0.34124882938726064, 0.2943790231485002, 0.2307702229625077, -0.23264489147623313, 0.994419871578422, 0.9616706775524602, 0.3710839689613894, 0.3009185525356326, 0.37689346114188016, -0.22215715204179243, -0.7298069899551776, 0.4429766803881634, 0.050708644951451776, -0.3795162488820887, -0.028329282336421846, 0.7789756686980005, 0.8680870319124994, -0.28440960658185954},
            new double[] {-0.5388640761375427, 0.0038566747680306435}, -1.469556148997184, false),
        new Snippet("Pendulum-v1", new double[] {0.8605556614246863, -0.4604265724722594},
            new double[] {0.5478467492858172, -0.9208531449445188, -1.8361059042552212, -1.9338894578858836, 1.2530809568010897, 1.6510223091108869, 0.42654310306871945, 0.9179862439359936, 0.17449996586169148, 1.740289695151073, 1.2634142164861286, -1.9890459993194076, 1.4296171063502774, -1.8656576987781426, 0.9186217857197763, -1.297377517589764, 1.4527156893995463, 0.16584488099636685, -0.8011524378504609, -0.3092511152093662, -1.8867213154181481, -1.5028668940017442, 0.6824976587745213, 0.5887580462970003, 0.4615404459250154, -0.46528978295246626, 1.988839743156844, 1.9233413551049203, 0.7421679379227788, 0.6018371050712652, 0.7537869222837603, -0.44431430408358485, -1.4596139799103551, 0.8859533607763268, 0.10141728990290355, -0.7590324977641774, -0.05665856467284369, 1.557951337396001, 1.7361740638249987, -0.5688192131637191},
            new double[] {2.497718003487543, -6.525620887601002}, -199.10126962784375, false));
  }

  @ParameterizedTest
  @MethodSource("snippets")
  void replaysRecordedEpisodeStart(Snippet s) {
    ClassicEnvironment env = ClassicControl.make(s.id());
    env.resetToState(s.initialState());
    double rewards = 0;
    Step last = null;
    for (double a : s.actions()) {
      last = env.actionSpace() instanceof Discrete ? env.step((int) a) : env.step(new float[] {(float) a});
      rewards += last.reward();
    }
    double[] state = env.state();
    for (int i = 0; i < state.length; i++) {
      assertThat(state[i]).as("%s state[%d]", s.id(), i).isCloseTo(s.finalState()[i], within(1e-12));
    }
    assertThat(rewards).isCloseTo(s.rewardSum(), within(1e-9));
    assertThat(last.terminated()).isEqualTo(s.terminatedAtEnd());
    assertThat(env.elapsedSteps()).isEqualTo(s.actions().length);
  }
}
