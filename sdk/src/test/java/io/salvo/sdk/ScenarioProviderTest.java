package io.salvo.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a jar's code scenarios for an agent that runs plans. */
class ScenarioProviderTest {
  @TempDir Path dir;

  /** Offers two scenarios. */
  public static final class Two implements ScenarioProvider {
    @Override
    public List<SalvoScenario> scenarios() {
      return List.of(
          SalvoScenario.create("fetch", ctx -> SalvoResponse.ok()),
          SalvoScenario.create("audit", ctx -> SalvoResponse.ok()));
    }
  }

  /** Offers one of Two's again. */
  public static final class Again implements ScenarioProvider {
    @Override
    public List<SalvoScenario> scenarios() {
      return List.of(SalvoScenario.create("audit", ctx -> SalvoResponse.ok()));
    }
  }

  private Path jar(String name, String services) throws Exception {
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      if (services != null) {
        out.putNextEntry(new JarEntry("META-INF/services/" + ScenarioProvider.class.getName()));
        OutputStream o = out;
        o.write(services.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  @Test
  void aJarsProvidersGiveTheirScenariosCode() throws Exception {
    Path jar = jar("two.jar", Two.class.getName() + "\n");
    assertEquals(Set.of("fetch", "audit"), ScenarioProvider.load(jar).names());
  }

  @Test
  void problemsNameTheJar() throws Exception {
    Path none = jar("none.jar", null);
    String m =
        assertThrows(IllegalArgumentException.class, () -> ScenarioProvider.load(none))
            .getMessage();
    assertTrue(m.startsWith(none + ": offers no scenarios; list a class implementing"), m);
    Path twice = jar("twice.jar", Two.class.getName() + "\n" + Again.class.getName() + "\n");
    assertEquals(
        twice + ": scenario 'audit' is offered twice",
        assertThrows(IllegalArgumentException.class, () -> ScenarioProvider.load(twice))
            .getMessage());
    Path bad = jar("bad.jar", "io.salvo.NoSuchProvider\n");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ScenarioProvider.load(bad))
            .getMessage()
            .startsWith(bad + ": a scenario provider failed"));
    Path missing = dir.resolve("missing.jar");
    assertEquals(
        missing + ": not a readable file",
        assertThrows(IllegalArgumentException.class, () -> ScenarioProvider.load(missing))
            .getMessage());
  }
}
