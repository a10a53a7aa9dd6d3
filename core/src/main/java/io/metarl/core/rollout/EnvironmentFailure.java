package io.metarl.core.rollout;

import io.metarl.api.task.Task;

/** An environment misbehaved: it threw, or returned a non-finite observation or reward. */
public final class EnvironmentFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param envId the environment's id
   * @param task the task it was playing
   * @param step the step within the episode
   * @param what what happened
   * @param cause the exception thrown, if any
   */
  public EnvironmentFailure(String envId, Task task, int step, String what, Throwable cause) {
    super("environment " + envId + " (task " + task.parameters() + ") at step " + step + " of its episode " + what, cause);
  }
}
