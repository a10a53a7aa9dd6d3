/** Random tabular MDPs (Duan et al. 2016, RL² section 3.2) as an environment plugin. */
package io.metarl.envs.mdp;
