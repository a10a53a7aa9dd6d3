package io.metarl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Our plain-Java {@link ActorCriticNetwork} computes the same forward pass and the same parameter
 * gradients as Deeplearning4j 1.0.0-M2.1's own layers given the same weights (DESIGN.md section 5: the
 * plain-Java kernel is allowed on the hot path only with this check).
 *
 * <p>The DL4J twins: the MLP torso is {@code DenseLayer(tanh)} layers; the LSTM is
 * {@code org.deeplearning4j.nn.conf.layers.LSTM} (sigmoid gates, tanh block input and cell
 * activation, no peepholes); the policy and value heads of a shared torso are one identity
 * {@code OutputLayer}/{@code RnnOutputLayer} with {@code policyOutputs + 1} columns (the last one is the
 * value head: two dense heads on the same features are one wider dense layer). Separate torsos are
 * two DL4J networks, one per head.
 *
 * <p>Parameter layout (DL4J's {@code DefaultParamInitializer} and {@code LSTMParamInitializer}): a
 * dense {@code W} is {@code [nIn, nOut]} (ours is {@code [out][in]} row-major, so it is transposed),
 * {@code b} is {@code [1, nOut]}; the LSTM's input weights {@code W} are {@code [nIn, 4 units]},
 * recurrent weights {@code RW} {@code [units, 4 units]} and bias {@code b} {@code [1, 4 units]}, with
 * the column blocks ordered as in {@code LSTMHelpers.activateHelper}: block input (tanh, our "cell"
 * gate g), forget gate, output gate, input gate; ours are ordered input, forget, cell, output.
 *
 * <p>Gradients: the loss is DL4J's {@code LossMSE} on the identity output, {@code
 * score = (1/m) sum_examples (1/nOut) sum_j (y_j - t_j)^2} with m the minibatch size; for a time
 * series m is the number of sequences, and the time steps are summed. DL4J's
 * {@code computeGradientAndScore} returns the gradient <em>not</em> divided by m (the updater divides
 * when it applies it), so our backward pass is fed {@code dOut = 2 (y - t) / nOut}.
 */
class NetworkParityTest {
  private static DataType savedDefault;
  private static DataType savedFloat;

  @BeforeAll
  static void doublePrecision() {
    savedDefault = Nd4j.dataType();
    savedFloat = Nd4j.defaultFloatingPointType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @AfterAll
  static void restore() {
    Nd4j.setDefaultDataTypes(savedDefault, savedFloat);
  }

  @Test
  void mlpWithSharedTorsoMatchesDl4j() {
    NetworkSpec spec = new NetworkSpec(6, List.of(16, 12), io.metarl.core.nn.Activation.TANH, true, 0, 3, 0, 0.0);
    Result r = compareFeedForward(spec, 9, 11);
    assertThat(r.forwardError).as("forward").isLessThan(1e-5);
    assertThat(r.gradientError).as("largest relative gradient error").isLessThan(1e-6);
  }

  @Test
  void mlpWithSeparateTorsosMatchesDl4j() {
    // The a2c default: one torso per head.
    NetworkSpec spec = new NetworkSpec(4, List.of(64, 64), io.metarl.core.nn.Activation.TANH, false, 0, 2, 0, 0.0);
    Result r = compareFeedForward(spec, 7, 13);
    assertThat(r.forwardError).as("forward").isLessThan(1e-5);
    assertThat(r.gradientError).as("largest relative gradient error").isLessThan(1e-6);
  }

  @Test
  void lstmMatchesDl4jThroughTime() {
    // RL²'s shape on a 2-armed bandit: inputs obs(1) + one-hot action(2) + reward + done = 5.
    NetworkSpec spec = new NetworkSpec(5, List.of(), io.metarl.core.nn.Activation.TANH, true, 8, 2, 0, 0.0);
    Result r = compareRecurrent(spec, 6, 4, 21);
    assertThat(r.forwardError).as("forward").isLessThan(1e-5);
    assertThat(r.gradientError).as("largest relative gradient error").isLessThan(1e-6);
  }

  @Test
  void denseThenLstmMatchesDl4jThroughTime() {
    NetworkSpec spec = new NetworkSpec(3, List.of(7), io.metarl.core.nn.Activation.TANH, true, 5, 3, 0, 0.0);
    Result r = compareRecurrent(spec, 5, 3, 22);
    assertThat(r.forwardError).as("forward").isLessThan(1e-5);
    assertThat(r.gradientError).as("largest relative gradient error").isLessThan(1e-6);
  }

  @Test
  void gateOrderMatters() {
    // Guards the test itself: copying the LSTM gates in our order instead of DL4J's breaks parity.
    NetworkSpec spec = new NetworkSpec(5, List.of(), io.metarl.core.nn.Activation.TANH, true, 8, 2, 0, 0.0);
    Result r = compareRecurrent(spec, 6, 4, 21, true);
    assertThat(r.forwardError).isGreaterThan(1e-3);
  }

  /** Largest absolute forward difference and largest relative gradient difference. */
  private record Result(double forwardError, double gradientError) {}

  /** Where our dense layers and LSTM live in the flat parameter vector (the documented layout). */
  private static final class Layout {
    final List<int[]> actor = new ArrayList<>(); // {in, out, wOffset, bOffset}
    final List<int[]> critic = new ArrayList<>();
    int wx = -1;
    int wh = -1;
    int lb = -1;
    int[] policy;
    int[] value;
    int size;

    Layout(NetworkSpec spec) {
      int off = 0;
      int width = spec.inputSize();
      for (int h : spec.hidden()) {
        actor.add(new int[] {width, h, off, off + h * width});
        off += h * width + h;
        width = h;
      }
      int actorWidth = width;
      int criticWidth = width;
      if (!spec.sharedTorso()) {
        width = spec.inputSize();
        for (int h : spec.hidden()) {
          critic.add(new int[] {width, h, off, off + h * width});
          off += h * width + h;
          width = h;
        }
        criticWidth = width;
      }
      int u = spec.lstmUnits();
      if (u > 0) {
        wx = off;
        off += 4 * u * actorWidth;
        wh = off;
        off += 4 * u * u;
        lb = off;
        off += 4 * u;
        actorWidth = u;
        criticWidth = u;
      }
      int p = spec.policyOutputs();
      policy = new int[] {actorWidth, p, off, off + p * actorWidth};
      off += p * actorWidth + p;
      value = new int[] {criticWidth, 1, off, off + criticWidth};
      off += criticWidth + 1;
      size = off;
    }
  }

  private static double[] parameters(ActorCriticNetwork net, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] params = net.initialParameters(rng);
    for (int i = 0; i < params.length; i++) {
      params[i] += rng.nextDouble(-0.4, 0.4); // non-trivial heads and biases
    }
    return params;
  }

  private static Result compareFeedForward(NetworkSpec spec, int batch, long seed) {
    ActorCriticNetwork net = new ActorCriticNetwork(spec);
    Layout layout = new Layout(spec);
    assertThat(layout.size).isEqualTo(net.parameterCount());
    double[] params = parameters(net, seed);
    SplittableRandom rng = new SplittableRandom(seed + 1);
    int in = spec.inputSize();
    int p = spec.policyOutputs();
    ActorCriticNetwork.Trace tr = net.newTrace(1, batch);
    for (int i = 0; i < tr.input().length; i++) {
      tr.input()[i] = rng.nextDouble(-2, 2);
    }
    net.forward(params, tr, new double[0], new double[0]);
    double[] targetPolicy = new double[batch * p];
    double[] targetValue = new double[batch];
    for (int i = 0; i < targetPolicy.length; i++) {
      targetPolicy[i] = rng.nextDouble(-1, 1);
    }
    for (int i = 0; i < batch; i++) {
      targetValue[i] = rng.nextDouble(-1, 1);
    }
    INDArray x = Nd4j.create(DataType.DOUBLE, batch, in);
    for (int s = 0; s < batch; s++) {
      for (int i = 0; i < in; i++) {
        x.putScalar(s, i, tr.input()[s * in + i]);
      }
    }

    double[] ours = new double[params.length];
    double[] dl4j = new double[params.length];
    double forwardError = 0;
    if (spec.sharedTorso()) {
      MultiLayerNetwork mln = mlp(in, spec.hidden(), p + 1);
      copyTorso(mln, layout.actor, params);
      copyHeads(mln, spec.hidden().size(), layout.policy, layout.value, params);
      INDArray out = mln.output(x);
      INDArray labels = Nd4j.create(DataType.DOUBLE, batch, p + 1);
      double[] dPolicy = new double[batch * p];
      double[] dValue = new double[batch];
      for (int s = 0; s < batch; s++) {
        for (int j = 0; j < p; j++) {
          forwardError = Math.max(forwardError, Math.abs(out.getDouble(s, j) - tr.policy[s * p + j]));
          labels.putScalar(s, j, targetPolicy[s * p + j]);
          dPolicy[s * p + j] = 2 * (tr.policy[s * p + j] - targetPolicy[s * p + j]) / (p + 1);
        }
        forwardError = Math.max(forwardError, Math.abs(out.getDouble(s, p) - tr.value[s]));
        labels.putScalar(s, p, targetValue[s]);
        dValue[s] = 2 * (tr.value[s] - targetValue[s]) / (p + 1);
      }
      net.backward(params, tr, dPolicy, dValue, ours);
      Gradient g = gradient(mln, x, labels);
      readTorso(g, layout.actor, 0, dl4j);
      readHeads(g, spec.hidden().size(), layout.policy, layout.value, dl4j);
    } else {
      // Two DL4J networks: actor torso + policy head, critic torso + value head.
      MultiLayerNetwork actor = mlp(in, spec.hidden(), p);
      copyTorso(actor, layout.actor, params);
      copyHeads(actor, spec.hidden().size(), layout.policy, null, params);
      MultiLayerNetwork critic = mlp(in, spec.hidden(), 1);
      copyTorso(critic, layout.critic, params);
      copyHeads(critic, spec.hidden().size(), layout.value, null, params);
      INDArray outA = actor.output(x);
      INDArray outC = critic.output(x);
      INDArray labelsA = Nd4j.create(DataType.DOUBLE, batch, p);
      INDArray labelsC = Nd4j.create(DataType.DOUBLE, batch, 1);
      double[] dPolicy = new double[batch * p];
      double[] dValue = new double[batch];
      for (int s = 0; s < batch; s++) {
        for (int j = 0; j < p; j++) {
          forwardError = Math.max(forwardError, Math.abs(outA.getDouble(s, j) - tr.policy[s * p + j]));
          labelsA.putScalar(s, j, targetPolicy[s * p + j]);
          dPolicy[s * p + j] = 2 * (tr.policy[s * p + j] - targetPolicy[s * p + j]) / p;
        }
        forwardError = Math.max(forwardError, Math.abs(outC.getDouble(s, 0) - tr.value[s]));
        labelsC.putScalar(s, 0, targetValue[s]);
        dValue[s] = 2 * (tr.value[s] - targetValue[s]);
      }
      net.backward(params, tr, dPolicy, dValue, ours);
      Gradient ga = gradient(actor, x, labelsA);
      readTorso(ga, layout.actor, 0, dl4j);
      readHeads(ga, spec.hidden().size(), layout.policy, null, dl4j);
      Gradient gc = gradient(critic, x, labelsC);
      readTorso(gc, layout.critic, 0, dl4j);
      readHeads(gc, spec.hidden().size(), layout.value, null, dl4j);
    }
    return new Result(forwardError, relativeError(ours, dl4j));
  }

  private static Result compareRecurrent(NetworkSpec spec, int steps, int lanes, long seed) {
    return compareRecurrent(spec, steps, lanes, seed, false);
  }

  private static Result compareRecurrent(NetworkSpec spec, int steps, int lanes, long seed, boolean wrongGateOrder) {
    ActorCriticNetwork net = new ActorCriticNetwork(spec);
    Layout layout = new Layout(spec);
    assertThat(layout.size).isEqualTo(net.parameterCount());
    double[] params = parameters(net, seed);
    SplittableRandom rng = new SplittableRandom(seed + 1);
    int in = spec.inputSize();
    int p = spec.policyOutputs();
    int u = spec.lstmUnits();
    int n = steps * lanes;
    ActorCriticNetwork.Trace tr = net.newTrace(steps, lanes);
    for (int i = 0; i < tr.input().length; i++) {
      tr.input()[i] = rng.nextDouble(-2, 2);
    }
    net.forward(params, tr, new double[lanes * u], new double[lanes * u]);

    MultiLayerNetwork mln = recurrent(in, spec.hidden(), u, p + 1);
    copyTorso(mln, layout.actor, params);
    int lstmLayer = spec.hidden().size();
    int lstmIn = spec.hidden().isEmpty() ? in : spec.hidden().get(spec.hidden().size() - 1);
    copyLstm(mln, lstmLayer, lstmIn, u, layout, params, wrongGateOrder);
    copyHeads(mln, lstmLayer + 1, layout.policy, layout.value, params);

    // DL4J time series are [minibatch, features, time]; ours are time-major rows of samples.
    INDArray x = Nd4j.create(DataType.DOUBLE, lanes, in, steps);
    INDArray labels = Nd4j.create(DataType.DOUBLE, lanes, p + 1, steps);
    double[] dPolicy = new double[n * p];
    double[] dValue = new double[n];
    for (int t = 0; t < steps; t++) {
      for (int l = 0; l < lanes; l++) {
        int s = t * lanes + l;
        for (int i = 0; i < in; i++) {
          x.putScalar(new int[] {l, i, t}, tr.input()[s * in + i]);
        }
        for (int j = 0; j <= p; j++) {
          double target = rng.nextDouble(-1, 1);
          labels.putScalar(new int[] {l, j, t}, target);
          double y = j < p ? tr.policy[s * p + j] : tr.value[s];
          if (j < p) {
            dPolicy[s * p + j] = 2 * (y - target) / (p + 1);
          } else {
            dValue[s] = 2 * (y - target) / (p + 1);
          }
        }
      }
    }
    INDArray out = mln.output(x);
    double forwardError = 0;
    for (int t = 0; t < steps; t++) {
      for (int l = 0; l < lanes; l++) {
        int s = t * lanes + l;
        for (int j = 0; j < p; j++) {
          forwardError = Math.max(forwardError, Math.abs(out.getDouble(l, j, t) - tr.policy[s * p + j]));
        }
        forwardError = Math.max(forwardError, Math.abs(out.getDouble(l, p, t) - tr.value[s]));
      }
    }
    if (wrongGateOrder) {
      return new Result(forwardError, Double.NaN);
    }
    double[] ours = new double[params.length];
    net.backward(params, tr, dPolicy, dValue, ours);
    double[] dl4j = new double[params.length];
    Gradient g = gradient(mln, x, labels);
    readTorso(g, layout.actor, 0, dl4j);
    readLstm(g, lstmLayer, lstmIn, u, layout, dl4j);
    readHeads(g, lstmLayer + 1, layout.policy, layout.value, dl4j);
    return new Result(forwardError, relativeError(ours, dl4j));
  }

  // ---- DL4J networks

  private static NeuralNetConfiguration.ListBuilder builder() {
    return new NeuralNetConfiguration.Builder()
        .dataType(DataType.DOUBLE)
        .seed(1)
        .updater(new Sgd(0.0))
        .weightInit(WeightInit.XAVIER)
        .list();
  }

  private static MultiLayerNetwork mlp(int in, List<Integer> hidden, int outputs) {
    NeuralNetConfiguration.ListBuilder b = builder();
    int width = in;
    int k = 0;
    for (int h : hidden) {
      b.layer(k++, new DenseLayer.Builder().nIn(width).nOut(h).activation(Activation.TANH).build());
      width = h;
    }
    b.layer(k, new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(width).nOut(outputs)
        .activation(Activation.IDENTITY).build());
    MultiLayerConfiguration conf = b.build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static MultiLayerNetwork recurrent(int in, List<Integer> hidden, int units, int outputs) {
    NeuralNetConfiguration.ListBuilder b = builder();
    int k = 0;
    for (int h : hidden) {
      b.layer(k++, new DenseLayer.Builder().nOut(h).activation(Activation.TANH).build());
    }
    b.layer(k++, new LSTM.Builder().nOut(units).activation(Activation.TANH)
        .gateActivationFunction(Activation.SIGMOID).build());
    b.layer(k, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(outputs)
        .activation(Activation.IDENTITY).build());
    b.setInputType(InputType.recurrent(in));
    MultiLayerNetwork net = new MultiLayerNetwork(b.build());
    net.init();
    return net;
  }

  private static Gradient gradient(MultiLayerNetwork net, INDArray x, INDArray labels) {
    net.setInput(x);
    net.setLabels(labels);
    net.computeGradientAndScore();
    return net.gradient();
  }

  // ---- parameter copies (ours -> DL4J) and gradient reads (DL4J -> our layout)

  private static void copyTorso(MultiLayerNetwork net, List<int[]> layers, double[] params) {
    for (int k = 0; k < layers.size(); k++) {
      int[] d = layers.get(k);
      net.getLayer(k).setParam("W", denseW(params, d));
      net.getLayer(k).setParam("b", denseB(params, d));
    }
  }

  /** One DL4J output layer for the policy head and (when given) the value head as its last column. */
  private static void copyHeads(MultiLayerNetwork net, int layer, int[] policy, int[] value, double[] params) {
    int in = policy[0];
    int outs = policy[1] + (value == null ? 0 : 1);
    INDArray w = Nd4j.create(DataType.DOUBLE, in, outs);
    INDArray b = Nd4j.create(DataType.DOUBLE, 1, outs);
    for (int o = 0; o < outs; o++) {
      int[] d = o < policy[1] ? policy : value;
      int row = o < policy[1] ? o : 0;
      for (int i = 0; i < in; i++) {
        w.putScalar(i, o, params[d[2] + row * in + i]);
      }
      b.putScalar(0, o, params[d[3] + row]);
    }
    net.getLayer(layer).setParam("W", w);
    net.getLayer(layer).setParam("b", b);
  }

  private static INDArray denseW(double[] params, int[] d) {
    INDArray w = Nd4j.create(DataType.DOUBLE, d[0], d[1]);
    for (int o = 0; o < d[1]; o++) {
      for (int i = 0; i < d[0]; i++) {
        w.putScalar(i, o, params[d[2] + o * d[0] + i]);
      }
    }
    return w;
  }

  private static INDArray denseB(double[] params, int[] d) {
    INDArray b = Nd4j.create(DataType.DOUBLE, 1, d[1]);
    for (int o = 0; o < d[1]; o++) {
      b.putScalar(0, o, params[d[3] + o]);
    }
    return b;
  }

  /** DL4J column block of our gate {@code g} (ours: i, f, g, o; DL4J: block input g, f, o, i). */
  private static int dl4jBlock(int gate) {
    return switch (gate) {
      case 0 -> 3;
      case 1 -> 1;
      case 2 -> 0;
      default -> 2;
    };
  }

  private static void copyLstm(MultiLayerNetwork net, int layer, int in, int u, Layout lay, double[] params,
      boolean wrongGateOrder) {
    INDArray w = Nd4j.create(DataType.DOUBLE, in, 4 * u);
    INDArray rw = Nd4j.create(DataType.DOUBLE, u, 4 * u);
    INDArray b = Nd4j.create(DataType.DOUBLE, 1, 4 * u);
    for (int gate = 0; gate < 4; gate++) {
      int col0 = (wrongGateOrder ? gate : dl4jBlock(gate)) * u;
      for (int j = 0; j < u; j++) {
        int row = gate * u + j;
        for (int i = 0; i < in; i++) {
          w.putScalar(i, col0 + j, params[lay.wx + row * in + i]);
        }
        for (int k = 0; k < u; k++) {
          rw.putScalar(k, col0 + j, params[lay.wh + row * u + k]);
        }
        b.putScalar(0, col0 + j, params[lay.lb + row]);
      }
    }
    net.getLayer(layer).setParam("W", w);
    net.getLayer(layer).setParam("RW", rw);
    net.getLayer(layer).setParam("b", b);
  }

  private static void readTorso(Gradient g, List<int[]> layers, int first, double[] out) {
    for (int k = 0; k < layers.size(); k++) {
      int[] d = layers.get(k);
      INDArray w = g.getGradientFor((first + k) + "_W");
      INDArray b = g.getGradientFor((first + k) + "_b");
      for (int o = 0; o < d[1]; o++) {
        for (int i = 0; i < d[0]; i++) {
          out[d[2] + o * d[0] + i] = w.getDouble(i, o);
        }
        out[d[3] + o] = b.getDouble(o);
      }
    }
  }

  private static void readHeads(Gradient g, int layer, int[] policy, int[] value, double[] out) {
    INDArray w = g.getGradientFor(layer + "_W");
    INDArray b = g.getGradientFor(layer + "_b");
    int in = policy[0];
    int outs = policy[1] + (value == null ? 0 : 1);
    for (int o = 0; o < outs; o++) {
      int[] d = o < policy[1] ? policy : value;
      int row = o < policy[1] ? o : 0;
      for (int i = 0; i < in; i++) {
        out[d[2] + row * in + i] = w.getDouble(i, o);
      }
      out[d[3] + row] = b.getDouble(o);
    }
  }

  private static void readLstm(Gradient g, int layer, int in, int u, Layout lay, double[] out) {
    INDArray w = g.getGradientFor(layer + "_W");
    INDArray rw = g.getGradientFor(layer + "_RW");
    INDArray b = g.getGradientFor(layer + "_b");
    for (int gate = 0; gate < 4; gate++) {
      int col0 = dl4jBlock(gate) * u;
      for (int j = 0; j < u; j++) {
        int row = gate * u + j;
        for (int i = 0; i < in; i++) {
          out[lay.wx + row * in + i] = w.getDouble(i, col0 + j);
        }
        for (int k = 0; k < u; k++) {
          out[lay.wh + row * u + k] = rw.getDouble(k, col0 + j);
        }
        out[lay.lb + row] = b.getDouble(col0 + j);
      }
    }
  }

  /** Largest |a - b| / max(|a| + |b|, 1e-8), ignoring pairs that agree to 1e-12 absolutely. */
  private static double relativeError(double[] ours, double[] dl4j) {
    double worst = 0;
    boolean nonZero = false;
    for (int i = 0; i < ours.length; i++) {
      double diff = Math.abs(ours[i] - dl4j[i]);
      nonZero |= Math.abs(ours[i]) > 1e-9;
      if (diff < 1e-12) {
        continue;
      }
      worst = Math.max(worst, diff / Math.max(Math.abs(ours[i]) + Math.abs(dl4j[i]), 1e-8));
    }
    assertThat(nonZero).as("the gradient is not trivially zero").isTrue();
    return worst;
  }
}
