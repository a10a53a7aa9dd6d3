/** Training events that listeners (metrics, checkpoints, plots, research extensions) observe. */
package io.metarl.api.train;
