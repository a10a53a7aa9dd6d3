package io.metarl.agents.a3c;

import io.metarl.api.agent.Policy;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ModelAgent;
import io.metarl.core.agent.ParameterAccess;
import io.metarl.core.agent.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Asynchronous advantage actor-critic (Mnih et al. 2016, Algorithm S3): the training loop runs
 * {@link #workers()} threads, each stepping its own lanes with its own learner. A learner acts and
 * differentiates with a <em>local copy</em> of the parameters; after each rollout it applies its
 * gradient to the shared global parameters and re-reads them, without waiting for the other workers.
 *
 * <p>How gradients reach the shared parameters: one lock (this agent's monitor) guards the global
 * parameters and the optimiser's state, so each application is an atomic optimiser step (with
 * RMSProp, the shared-statistics variant of the paper); what a worker's gradient was computed against
 * may be several other workers' updates old. The interleaving depends on thread timing, so runs with
 * several workers are not bit-reproducible; with one worker this is A2C exactly ({@code A3cAgentTest}).
 */
final class A3cAgent extends ModelAgent {
  private final ParameterStore store;
  private final int workers;

  A3cAgent(ActorCriticModel model, int workers) {
    super(model);
    this.store = model.store();
    this.workers = workers;
  }

  @Override
  public int workers() {
    return workers;
  }

  @Override
  protected ParameterAccess access(int worker) {
    return new LocalCopy();
  }

  @Override
  public synchronized Policy policy(int lanes, long seed) {
    return super.policy(lanes, seed);
  }

  @Override
  public synchronized void trainingProgress(double fraction) {
    super.trainingProgress(fraction);
  }

  @Override
  public synchronized void save(Path dir) throws IOException {
    super.save(dir);
  }

  @Override
  public synchronized void load(Path dir) throws IOException {
    super.load(dir);
  }

  /** A worker's local copy of the parameters, re-read after each of its updates. */
  private final class LocalCopy implements ParameterAccess {
    private final double[] local = new double[store.size()];

    LocalCopy() {
      refresh();
    }

    @Override
    public double[] current() {
      return local;
    }

    @Override
    public double apply(double[] grad) {
      synchronized (A3cAgent.this) {
        double norm = store.step(grad);
        store.copyInto(local);
        return norm;
      }
    }

    @Override
    public void refresh() {
      synchronized (A3cAgent.this) {
        store.copyInto(local);
      }
    }

    @Override
    public double learningRate() {
      synchronized (A3cAgent.this) {
        return store.learningRate();
      }
    }
  }
}
