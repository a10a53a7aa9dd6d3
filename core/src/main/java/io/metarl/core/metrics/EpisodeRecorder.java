package io.metarl.core.metrics;

import io.metarl.api.agent.Mode;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Renderable;
import io.metarl.api.env.Step;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Plays episodes of a {@link Renderable} environment with a policy and turns the frames into an
 * animated GIF (Java ImageIO), for {@code metarl render} and for recordings during training.
 */
public final class EpisodeRecorder {
  private EpisodeRecorder() {}

  /**
   * An episode's frames and outcome.
   *
   * @param frames one image per state, the initial one included
   * @param totalReturn the undiscounted return
   * @param steps steps played
   * @param ended whether the episode ended (rather than hitting the step cap)
   */
  public record Recording(List<BufferedImage> frames, double totalReturn, int steps, boolean ended) {}

  /**
   * Plays one episode of {@code env} (reset with {@code seed}) with a one-lane {@code policy}, feeding it
   * the RL² meta inputs, clipping continuous actions to the action box, and drawing every state.
   *
   * @param firstOfTrial whether the episode starts a trial (the policy's memory is reset)
   */
  public static Recording play(Environment env, Policy policy, Mode mode, long seed, boolean firstOfTrial,
      int maxSteps, int width, int height) {
    if (!(env instanceof Renderable renderable)) {
      throw new IllegalArgumentException("environment " + env.id() + " cannot be rendered (not Renderable)");
    }
    var in = new PolicyInput(env.observationSpace(), env.actionSpace(), 1);
    var out = new PolicyOutput(env.actionSpace(), 1);
    List<BufferedImage> frames = new ArrayList<>();
    float[] obs = env.reset(seed);
    in.trialStart[0] = firstOfTrial;
    frames.add(frame(renderable, width, height));
    double ret = 0;
    int t = 0;
    boolean done = false;
    while (!done && t < maxSteps) {
      System.arraycopy(obs, 0, in.observations, 0, obs.length);
      policy.act(in, mode, out);
      Step st;
      if (env.actionSpace() instanceof Discrete) {
        st = env.step(out.actions.discrete[0]);
        in.previousActions.discrete[0] = out.actions.discrete[0];
      } else {
        Box b = (Box) env.actionSpace();
        float[] a = out.actions.continuous.clone();
        for (int i = 0; i < a.length; i++) {
          a[i] = Math.max(b.low(i), Math.min(b.high(i), a[i]));
        }
        st = env.step(a);
        System.arraycopy(out.actions.continuous, 0, in.previousActions.continuous, 0, a.length);
      }
      in.trialStart[0] = false;
      in.previousRewards[0] = (float) st.reward();
      in.previousDone[0] = st.done();
      obs = st.observation();
      ret += st.reward();
      t++;
      done = st.done();
      frames.add(frame(renderable, width, height));
    }
    return new Recording(frames, ret, t, done);
  }

  /** Draws the environment's current state into a new image. */
  public static BufferedImage frame(Renderable r, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      r.render(g, width, height);
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Writes an endlessly looping animated GIF with {@code delayCs} hundredths of a second per frame. */
  public static void writeGif(List<BufferedImage> frames, Path file, int delayCs) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ImageWriter writer = ImageIO.getImageWritersBySuffix("gif").next();
    Files.deleteIfExists(file);
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(ios);
      writer.prepareWriteSequence(null);
      for (int i = 0; i < frames.size(); i++) {
        BufferedImage img = frames.get(i);
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCs));
        gce.setAttribute("transparentColorIndex", "0");
        if (i == 0) {
          IIOMetadataNode apps = child(root, "ApplicationExtensions");
          IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
          app.setAttribute("applicationID", "NETSCAPE");
          app.setAttribute("authenticationCode", "2.0");
          app.setUserObject(new byte[] {1, 0, 0}); // loop forever
          apps.appendChild(app);
        }
        meta.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(img, null, meta), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
