package io.metarl.listeners.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.plugin.ExtensionProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardProviderTest {
  @TempDir Path tmp;

  private static Config defaults() {
    return ConfigFactory.defaultReference().getConfig("metarl.plugins.tensorboard");
  }

  private static PluginContext context(long seed, Config run) {
    return new PluginContext() {
      @Override
      public long seed() {
        return seed;
      }

      @Override
      public Config runConfig() {
        return run;
      }

      @Override
      public <P extends Plugin> P provider(Class<P> kind, String name) {
        throw new IllegalArgumentException(name);
      }

      @Override
      public Config pluginSection(String name, Config overrides) {
        return overrides.withFallback(defaults());
      }
    };
  }

  private Config run(String name) {
    return ConfigFactory.parseMap(Map.of("name", name, "seed", 4, "output.dir", tmp.resolve("out").toString()));
  }

  @Test
  void isDiscoveredAsAnExtensionNamedTensorboard() {
    List<String> names = ServiceLoader.load(ExtensionProvider.class).stream()
        .map(p -> p.get().name()).toList();
    assertThat(names).contains("tensorboard");
    assertThat(new TensorBoardProvider().description()).isNotBlank();
  }

  @Test
  void referenceConfListsEveryKeyItReads() {
    Config d = defaults();
    assertThat(d.root().keySet()).containsExactlyInAnyOrder("logdir", "flush-every", "return-by-index");
    assertThat(d.getString("logdir")).isEmpty();
    assertThat(d.getDouble("flush-every")).isEqualTo(10.0);
    assertThat(d.getInt("return-by-index")).isEqualTo(10);
  }

  @Test
  void defaultLogdirIsUnderOutputDirAndWritesOnUpdate() throws Exception {
    TrainingListener l = new TensorBoardProvider().create(defaults(), context(4, run("cartpole-a2c")));
    l.onUpdate(new UpdateRecord(1, 0, 320, Map.of("loss", 0.25)));
    l.onEnd();
    Path dir = tmp.resolve("out").resolve("tensorboard").resolve("cartpole-a2c-4");
    assertThat(((TensorBoardListener) l).directory()).isEqualTo(dir);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("events.out.tfevents."))
          .contains("metrics.jsonl");
    }
    assertThat(EventFileDecoder.read(((TensorBoardListener) l).eventFile()).events().get(1).values())
        .containsExactly(new EventFileDecoder.Value("train/loss", 0.25f));
  }

  @Test
  void anExplicitLogdirIsUsedAsTheRoot() {
    Config section = ConfigFactory.parseMap(Map.of("logdir", tmp.resolve("tb").toString())).withFallback(defaults());
    TensorBoardListener l = (TensorBoardListener) new TensorBoardProvider().create(section, context(9, run("x")));
    l.onEnd();
    assertThat(l.directory()).isEqualTo(tmp.resolve("tb").resolve("x-9"));
    assertThat(tmp.resolve("tb")).doesNotExist(); // no point, no files
  }

  @Test
  void aRunWithItsOwnDirectoryGetsItsEventsThereUnlessLogdirIsSet() {
    Config own = run("y").withFallback(ConfigFactory.parseMap(Map.of("output.run-dir", tmp.resolve("mine").toString())));
    TensorBoardListener l = (TensorBoardListener) new TensorBoardProvider().create(defaults(), context(3, own));
    l.onEnd();
    assertThat(l.directory()).isEqualTo(tmp.resolve("mine").resolve("tensorboard"));
    Config section = ConfigFactory.parseMap(Map.of("logdir", tmp.resolve("tb").toString())).withFallback(defaults());
    TensorBoardListener explicit = (TensorBoardListener) new TensorBoardProvider().create(section, context(3, own));
    explicit.onEnd();
    assertThat(explicit.directory()).isEqualTo(tmp.resolve("tb").resolve("y-3"));
    Config blank = run("z").withFallback(ConfigFactory.parseMap(Map.of("output.run-dir", "")));
    TensorBoardListener dflt = (TensorBoardListener) new TensorBoardProvider().create(defaults(), context(3, blank));
    dflt.onEnd();
    assertThat(dflt.directory()).isEqualTo(tmp.resolve("out").resolve("tensorboard").resolve("z-3"));
  }

  @Test
  void invalidSettingsNameTheKey() {
    TensorBoardProvider p = new TensorBoardProvider();
    PluginContext ctx = context(1, run("bad"));
    assertThatThrownBy(() -> p.create(ConfigFactory.parseMap(Map.of("flush-every", 0)).withFallback(defaults()), ctx))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("flush-every"));
    assertThatThrownBy(() -> p.create(ConfigFactory.parseMap(Map.of("flush-every", "soon")).withFallback(defaults()), ctx))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("flush-every"));
    assertThatThrownBy(() -> p.create(ConfigFactory.parseMap(Map.of("return-by-index", -1)).withFallback(defaults()), ctx))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("return-by-index"));
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void aLogdirThatCannotBeCreatedIsAnInvalidSetting() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Config section = ConfigFactory.parseMap(Map.of("logdir", file.resolve("tb").toString())).withFallback(defaults());
    assertThatThrownBy(() -> new TensorBoardProvider().create(section, context(1, run("r"))))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.key()).isEqualTo("logdir");
          assertThat(e.expected()).contains("a-file");
        });
  }
}
