package io.metarl.api.env;

/**
 * What an agent needs to know about the environments of a task distribution before it sees one.
 *
 * @param id environment identifier
 * @param observationSpace the observation space, shared by every task of the distribution
 * @param actionSpace the action space, shared by every task of the distribution
 */
public record EnvironmentSpec(String id, Space observationSpace, Space actionSpace) {

  /** The spec of a concrete environment. */
  public static EnvironmentSpec of(Environment env) {
    return new EnvironmentSpec(env.id(), env.observationSpace(), env.actionSpace());
  }
}
