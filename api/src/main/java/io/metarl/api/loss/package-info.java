/**
 * Policy losses: the term an actor-critic agent minimises for its policy, replaceable by a plugin
 * ({@code agent.policy-loss.plugin = <name>}, {@link io.metarl.api.plugin.PolicyLossProvider}). The
 * built-in {@code a2c-pg} is the policy gradient with an entropy bonus; {@code epg} (extensions-epg)
 * is a loss network evolved by Evolved Policy Gradients.
 */
package io.metarl.api.loss;
