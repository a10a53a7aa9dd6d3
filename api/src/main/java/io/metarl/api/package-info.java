/**
 * The stable contract of metarl. Everything a plugin author needs is here, and nothing here
 * depends on ND4J, Guice or the engine ({@code core}).
 *
 * <p>Conventions: no method accepts or returns {@code null} unless documented; batched arrays are
 * laid out row-major, time-major ({@code index = t * lanes + lane}) and lane-major inside a time
 * step ({@code lane * width + i}).
 */
package io.metarl.api;
