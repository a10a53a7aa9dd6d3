package io.metarl.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal sampling profiler: a daemon thread takes the stack of a target thread about every
 * millisecond and files the sample under the part of the training loop it is in, judged by the
 * innermost {@code io.metarl} frame (activations and the product kernels count for the pass that calls
 * them): network forward (acting or learning), network backward, loss, optimiser, environment and lanes,
 * return estimation, or other. Stack sampling happens
 * at safepoints, so the shares are approximate (safepoint bias), good to tens of percent, not to one.
 */
public final class SamplingProfiler implements AutoCloseable {
  private final Thread target;
  private final Thread sampler;
  private final Map<String, Integer> counts = new TreeMap<>();
  private volatile boolean running = true;
  private int total;

  private SamplingProfiler(Thread target) {
    this.target = target;
    this.sampler = new Thread(this::loop, "metarl-bench-profiler");
    sampler.setDaemon(true);
  }

  /** Starts sampling {@code target}. */
  public static SamplingProfiler start(Thread target) {
    SamplingProfiler p = new SamplingProfiler(target);
    p.sampler.start();
    return p;
  }

  private void loop() {
    while (running) {
      StackTraceElement[] stack = target.getStackTrace();
      String bucket = classify(stack);
      if (bucket != null) {
        synchronized (counts) {
          counts.merge(bucket, 1, Integer::sum);
          total++;
        }
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The part of the loop a stack is in; null for a stack outside it. */
  static String classify(StackTraceElement[] stack) {
    boolean learning = false;
    for (StackTraceElement f : stack) {
      if (f.getMethodName().equals("learn") && f.getClassName().startsWith("io.metarl.core.agent.")) {
        learning = true;
        break;
      }
    }
    for (StackTraceElement f : stack) {
      String c = f.getClassName();
      String m = f.getMethodName();
      if (!c.startsWith("io.metarl.")) {
        continue;
      }
      if (c.startsWith("io.metarl.benchmarks.")) {
        return null;
      }
      if (c.startsWith("io.metarl.core.nn.Activation") || c.equals("io.metarl.core.nn.Kernels")) {
        continue; // activations and product kernels belong to the network pass that called them
      }
      if (c.equals("io.metarl.core.nn.ActorCriticNetwork") || c.equals("io.metarl.core.nn.LstmLayer")) {
        if (m.contains("ackward")) {
          return "network backward";
        }
        if (m.equals("newTrace") || m.equals("<init>")) {
          return learning ? "learn: other (copies, allocation, checks)" : "act: other";
        }
        return learning ? "network forward (learn)" : "network forward (act, values)";
      }
      if (c.startsWith("io.metarl.core.nn.ActorCriticNetwork$Trace")) {
        return learning ? "learn: other (copies, allocation, checks)" : "act: other";
      }
      if (c.equals("io.metarl.core.nn.ActorCriticLoss")) {
        return "loss";
      }
      if (c.equals("io.metarl.core.nn.Optimizer")) {
        return "optimizer";
      }
      if (c.startsWith("io.metarl.core.agent.") || c.startsWith("io.metarl.agents.")) {
        return learning ? "learn: other (copies, allocation, checks)" : "act: features and sampling";
      }
      if (c.startsWith("io.metarl.core.rollout.") || c.startsWith("io.metarl.envs.")) {
        return "environment + lanes";
      }
      if (c.startsWith("io.metarl.core.returns.")) {
        return "return estimation";
      }
      if (c.startsWith("io.metarl.core.train.")) {
        return "trainer loop (copies, bookkeeping)";
      }
      return "other (" + c.substring(c.lastIndexOf('.') + 1) + ")";
    }
    return null;
  }

  /** Stops sampling; returns the share of each part, largest first. */
  public Map<String, Double> shares() {
    close();
    Map<String, Double> out = new LinkedHashMap<>();
    synchronized (counts) {
      counts.entrySet().stream()
          .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
          .forEach(e -> out.put(e.getKey(), total == 0 ? 0.0 : (double) e.getValue() / total));
    }
    return out;
  }

  /** Samples taken. */
  public int samples() {
    synchronized (counts) {
      return total;
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      sampler.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
