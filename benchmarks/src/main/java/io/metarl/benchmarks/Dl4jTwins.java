package io.metarl.benchmarks;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Deeplearning4j networks of the same shapes as our actor-critic networks, the baselines of the
 * inference and learner figures (float32, DL4J's default and its faster type; ours run in double).
 * {@code NetworkParityTest} in core shows that the two compute the same function with the same
 * weights; here only the cost matters, so the weights are DL4J's own initialisation.
 */
public final class Dl4jTwins {
  private Dl4jTwins() {}

  private static NeuralNetConfiguration.Builder base() {
    return new NeuralNetConfiguration.Builder()
        .seed(1)
        .dataType(DataType.FLOAT)
        .weightInit(WeightInit.XAVIER)
        .updater(new RmsProp(5e-5, 0.99, 1e-5));
  }

  /**
   * The A2C network: one tanh MLP torso per head (the a2c default {@code shared-torso = false}), a
   * softmax policy head (cross-entropy loss) and an identity value head (MSE).
   */
  public static ComputationGraph mlp(int inputs, List<Integer> hidden, int actions) {
    ComputationGraphConfiguration.GraphBuilder g = base().graphBuilder().addInputs("in");
    String[] heads = {"policy", "value"};
    for (String head : heads) {
      String prev = "in";
      int width = inputs;
      for (int k = 0; k < hidden.size(); k++) {
        String name = head + "-" + k;
        g.addLayer(name, new DenseLayer.Builder().nIn(width).nOut(hidden.get(k)).activation(Activation.TANH).build(), prev);
        prev = name;
        width = hidden.get(k);
      }
      OutputLayer out = head.equals("policy")
          ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(actions).activation(Activation.SOFTMAX).build()
          : new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(width).nOut(1).activation(Activation.IDENTITY).build();
      g.addLayer(head, out, prev);
    }
    g.setOutputs(heads);
    ComputationGraph graph = new ComputationGraph(g.build());
    graph.init();
    return graph;
  }

  /**
   * The RL² network: an LSTM (sigmoid gates, tanh, no peepholes) over the inputs and one identity
   * time-distributed output layer with {@code outputs} columns (policy logits and value: two dense heads
   * on the same features are one wider dense layer), MSE.
   */
  public static MultiLayerNetwork lstm(int inputs, int units, int outputs) {
    MultiLayerNetwork net = new MultiLayerNetwork(base().list()
        .layer(0, new LSTM.Builder().nIn(inputs).nOut(units).activation(Activation.TANH)
            .gateActivationFunction(Activation.SIGMOID).build())
        .layer(1, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(units).nOut(outputs)
            .activation(Activation.IDENTITY).build())
        .build());
    net.init();
    return net;
  }
}
