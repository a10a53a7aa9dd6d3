/**
 * The service-provider interfaces. A plugin jar implements one of the provider interfaces, registers
 * it with {@code @AutoService} (or a {@code META-INF/services} file) and ships its defaults in a
 * {@code reference.conf} under {@code metarl.plugins.<name>}. Provider constructors must be cheap:
 * discovery instantiates every provider.
 */
package io.metarl.api.plugin;
