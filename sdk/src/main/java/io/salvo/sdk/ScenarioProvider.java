package io.salvo.sdk;

import io.salvo.engine.code.CodeRegistry;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Code scenarios a jar offers to agents that run plans ({@code salvo agent --plan-scenarios JAR}):
 * a plan's {@code code:} steps name them. The jar lists its providers in {@code
 * META-INF/services/io.salvo.sdk.ScenarioProvider}; a scenario's own load is not used (the plan
 * says how much), only its code.
 */
public interface ScenarioProvider {
  List<SalvoScenario> scenarios();

  /**
   * The code of every scenario the jar's providers offer.
   *
   * @throws IllegalArgumentException naming the jar and the problem: unreadable, no provider, a
   *     provider that fails, a scenario offered twice
   */
  static CodeRegistry load(Path jar) {
    if (!Files.isReadable(jar)) {
      throw new IllegalArgumentException(jar + ": not a readable file");
    }
    URL url;
    try {
      url = jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(jar + ": " + e.getMessage(), e);
    }
    // Kept open: the scenarios' classes load from it as long as the agent runs.
    @SuppressWarnings("resource")
    URLClassLoader loader =
        new URLClassLoader(new URL[] {url}, ScenarioProvider.class.getClassLoader());
    Map<String, SalvoScenario> found = new LinkedHashMap<>();
    try {
      for (ScenarioProvider p : ServiceLoader.load(ScenarioProvider.class, loader)) {
        for (SalvoScenario s : p.scenarios()) {
          if (found.putIfAbsent(s.name(), s) != null) {
            throw new IllegalArgumentException(
                jar + ": scenario '" + s.name() + "' is offered twice");
          }
        }
      }
    } catch (ServiceConfigurationError | RuntimeException e) {
      closeQuietly(loader);
      if (e instanceof IllegalArgumentException) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException(jar + ": a scenario provider failed: " + e, e);
    }
    if (found.isEmpty()) {
      closeQuietly(loader);
      throw new IllegalArgumentException(
          jar
              + ": offers no scenarios; list a class implementing "
              + ScenarioProvider.class.getName()
              + " in META-INF/services/"
              + ScenarioProvider.class.getName());
    }
    CodeRegistry r = CodeRegistry.empty();
    for (SalvoScenario s : found.values()) {
      r = s.register(r);
    }
    return r;
  }

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // nothing was loaded from it
    }
  }
}
