package io.metarl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** Provenance names the build, the runtime and the machine, and hashes a configuration independently of key order. */
class ProvenanceTest {

  @Test
  void theConfigurationHashIgnoresKeyOrderButNotValues() {
    String a = Provenance.configHash(ConfigFactory.parseString("seed = 1, agent { plugin = a2c, hidden = [64, 64] }"));
    String b = Provenance.configHash(ConfigFactory.parseString("agent { hidden = [64, 64], plugin = a2c }, seed = 1"));
    String c = Provenance.configHash(ConfigFactory.parseString("agent { hidden = [64, 32], plugin = a2c }, seed = 1"));
    assertThat(a).hasSize(64).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void namesTheBuildRuntimeAndMachine() {
    Provenance p = Provenance.of(ConfigFactory.parseString("seed = 1"));
    // built from a git checkout by Maven: the commit is a full SHA-1; elsewhere "unknown"
    assertThat(p.commit()).matches("[0-9a-f]{40}|unknown");
    assertThat(p.version()).isNotBlank();
    assertThat(p.java()).contains(String.valueOf(Runtime.version().feature()));
    assertThat(p.cores()).isPositive();
    assertThat(p.asMap()).containsKeys("version", "commit", "dirty", "java", "os", "cpu", "cores", "config_sha256");
  }
}
