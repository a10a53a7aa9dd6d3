package io.metarl.app.gym;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.app.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RenderCommandTest {

  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void writesAnAnimatedGifOfAControllerEpisode(@TempDir Path dir) throws IOException {
    Path gif = dir.resolve("cartpole.gif");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(out, err, "render", "--env", "cartpole", "--policy", "heuristic", "--out", gif.toString(),
        "--set", "version=v0", "--max-steps", "40", "--size", "120x80");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("episode 0: 40 steps");
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      assertThat(reader.getFormatName()).isEqualToIgnoringCase("gif");
      assertThat(reader.getNumImages(true)).isEqualTo(41);
      assertThat(reader.read(0).getWidth()).isEqualTo(120);
    }
  }

  @Test
  void writesPngFramesOfRandomEpisodesWithARangeSetting(@TempDir Path dir) throws IOException {
    Path frames = dir.resolve("frames");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(out, err, "render", "--env", "pendulum", "--out", frames.toString(), "--episodes", "2",
        "--max-steps", "5", "--seed", "3", "--set", "g-range=[5, 15]", "--size", "64x64");
    assertThat(code).as(err.toString()).isZero();
    try (Stream<Path> files = Files.list(frames)) {
      assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isEqualTo(12);
    }
    assertThat(ImageIO.read(frames.resolve("frame-00000.png").toFile()).getHeight()).isEqualTo(64);
  }

  @Test
  void badInputExitsTwoNamingTheProblem(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "render", "--env", "no-such-env", "--out", dir.resolve("x.gif").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no-such-env").contains("cartpole");
    StringWriter err2 = new StringWriter();
    assertThat(run(new StringWriter(), err2, "render", "--env", "acrobot", "--policy", "magic", "--out",
        dir.resolve("x.gif").toString())).isEqualTo(2);
    assertThat(err2.toString()).contains("magic").contains("heuristic");
    StringWriter err3 = new StringWriter();
    assertThat(run(new StringWriter(), err3, "render", "--env", "cartpole", "--set", "length-range=[1]", "--out",
        dir.resolve("x.gif").toString())).isEqualTo(2);
    assertThat(err3.toString()).contains("length-range");
  }
}
