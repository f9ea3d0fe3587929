package io.salvo.engine.session;

import java.util.SplittableRandom;

/** What a template reads when it renders: a session's variables and the built-ins' inputs. */
public interface TemplateContext {
  /** The value of the variable in {@code slot}; null when it has none (it renders empty). */
  String variable(int slot);

  /** {@code ${session.index}}. */
  long sessionIndex();

  /** The random source of the session's event loop ({@code ${random.int}}, {@code ${uuid}}). */
  SplittableRandom random();
}
