package io.metarl.envs.gym.classic;

import java.util.List;

/**
 * Gymnasium's registrations of the classic-control environments ({@code gymnasium/envs/__init__.py},
 * Gymnasium 1.4.0): {@link #make(String)} is {@code gymnasium.make(id)} with default arguments,
 * including the registered time limit.
 */
public final class ClassicControl {
  private ClassicControl() {}

  /** The ids {@link #make(String)} knows. */
  public static final List<String> IDS =
      List.of(
          "CartPole-v0",
          "CartPole-v1",
          "Acrobot-v1",
          "MountainCar-v0",
          "MountainCarContinuous-v0",
          "Pendulum-v1");

  /**
   * A new environment with Gymnasium's defaults.
   *
   * @throws IllegalArgumentException for an unknown id, naming the known ones
   */
  public static ClassicEnvironment make(String id) {
    return switch (id) {
      case "CartPole-v0" -> CartPole.version("v0");
      case "CartPole-v1" -> CartPole.version("v1");
      case "Acrobot-v1" -> new Acrobot();
      case "MountainCar-v0" -> new MountainCar();
      case "MountainCarContinuous-v0" -> new MountainCarContinuous();
      case "Pendulum-v1" -> new Pendulum();
      default -> throw new IllegalArgumentException(
          "unknown classic-control environment '" + id + "'; known: " + String.join(", ", IDS));
    };
  }
}
