package io.metarl.app.epg;

import com.google.auto.service.AutoService;
import io.metarl.app.cli.CliCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code metarl epg}: Evolved Policy Gradients (Houthooft et al. 2018). Subcommands {@code evolve}
 * (ES over the loss network) and {@code test} (train fresh policies with an evolved loss on held-out
 * tasks, against the reference A2C loss). The work is done by {@code io.metarl.extensions.epg}.
 */
@AutoService(CliCommand.class)
@Command(name = "epg", mixinStandardHelpOptions = true,
    description = "Evolved Policy Gradients: evolve a loss function (evolve) and test it on held-out tasks (test).",
    subcommands = {EpgEvolveCommand.class, EpgTestCommand.class})
public final class EpgCommand implements CliCommand {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: evolve or test");
  }
}
