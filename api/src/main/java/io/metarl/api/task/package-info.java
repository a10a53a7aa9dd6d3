/** Tasks (one MDP: bandit probabilities, wind power, terrain) and distributions over them. */
package io.metarl.api.task;
