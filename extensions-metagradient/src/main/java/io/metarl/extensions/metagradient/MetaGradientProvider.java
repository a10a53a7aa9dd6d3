package io.metarl.extensions.metagradient;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.ExtensionProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.train.TrainingListener;
import java.util.Set;

/**
 * The {@code metagradient} extension: {@code metarl { extensions = [metagradient], metagradient { ... } }}
 * learns gamma and/or lambda online by meta-gradients ({@link MetaGradient}). It reads the learner's
 * value-loss weight and advantage standardisation from the run's agent section (the inner update it
 * differentiates), and checks that the return estimator is a lambda-return ({@code gae},
 * {@code lambda-return}, or {@code monte-carlo} for gamma alone).
 */
@AutoService(ExtensionProvider.class)
public final class MetaGradientProvider implements ExtensionProvider {
  private static final Set<String> LAMBDA_ESTIMATORS = Set.of("gae", "lambda-return");

  /** For ServiceLoader. */
  public MetaGradientProvider() {}

  @Override
  public String name() {
    return "metagradient";
  }

  @Override
  public String description() {
    return "online meta-gradient learning of gamma and lambda (Xu, van Hasselt & Silver 2018)";
  }

  @Override
  public TrainingListener create(Config section, PluginContext ctx) {
    Config run = ctx.runConfig();
    boolean learns = !section.getStringList("learn").isEmpty();
    MetaGradientSettings s = MetaGradientSettings.from(section);
    if (learns && run.hasPath("returns.plugin")) {
      String returns = run.getString("returns.plugin");
      boolean ok = LAMBDA_ESTIMATORS.contains(returns) || (returns.equals("monte-carlo") && !s.learns("lambda"));
      if (!ok) {
        throw new InvalidSettingException("learn", s.learn(), "meta-parameters of a lambda-return: returns.plugin = gae or "
            + "lambda-return (gamma and lambda), or monte-carlo (gamma only); the run's returns.plugin is '" + returns + "'");
      }
    }
    return new MetaGradient(s);
  }
}
