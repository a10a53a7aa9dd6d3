package io.metarl.app.cli;

import java.util.concurrent.Callable;

/**
 * A subcommand of {@code metarl}. Implementations are picocli {@code @Command} classes registered
 * with {@code @AutoService(CliCommand.class)}; {@link io.metarl.app.Main} adds every one it finds.
 * {@link #call()} returns the exit code: 0 success, 1 a failed check, 2 a user error (bad input).
 * Throw {@link UserError} for bad input: its message is printed without a stack trace.
 */
public interface CliCommand extends Callable<Integer> {}
