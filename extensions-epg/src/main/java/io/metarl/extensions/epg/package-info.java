/**
 * Evolved Policy Gradients (Houthooft et al. 2018): the temporal-convolution loss network
 * ({@link io.metarl.extensions.epg.LossNetwork}), the inner loop that trains a fresh policy with it
 * ({@link io.metarl.extensions.epg.Lifetime}), the ES outer loop
 * ({@link io.metarl.extensions.epg.EvolutionStrategy}, {@link io.metarl.extensions.epg.Evolution}) over a
 * {@link io.metarl.extensions.epg.PopulationExecutor}, the evolved-loss file
 * ({@link io.metarl.extensions.epg.EvolvedLoss}) and the held-out comparison
 * ({@link io.metarl.extensions.epg.HeldOutTest}). See EPG.md in the module.
 */
package io.metarl.extensions.epg;
