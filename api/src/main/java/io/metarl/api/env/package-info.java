/** Environments, their spaces and the result of a step (Gymnasium's contract, typed). */
package io.metarl.api.env;
