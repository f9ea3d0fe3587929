package io.salvo.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.salvo.plan.Template;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompiledTemplateTest {
  /** A session with variables a = "a b/c?d=é", b = "x\r\ny". */
  private static final class Ctx implements TemplateContext {
    final String[] vars = {"a b/c?d=é", "x\r\ny", null};
    final SplittableRandom random = new SplittableRandom(7);

    @Override
    public String variable(int slot) {
      return vars[slot];
    }

    @Override
    public long sessionIndex() {
      return 42;
    }

    @Override
    public SplittableRandom random() {
      return random;
    }
  }

  private static final Map<String, Integer> SLOTS = Map.of("a", 0, "b", 1, "unset", 2);

  private static String write(String text, CompiledTemplate.Escape escape) {
    CompiledTemplate t = CompiledTemplate.compile(Template.parse(text), slots(), escape);
    ByteBuf out = Unpooled.buffer();
    t.write(out, new Ctx());
    String written = out.toString(StandardCharsets.UTF_8);
    assertEquals(written, t.render(new Ctx()), "write and render agree");
    return written;
  }

  private static Slots slots() {
    return Slots.ofMap(SLOTS);
  }

  @Test
  void pathValuesArePercentEncodedWhereARequestTargetCannotHoldThem() {
    assertEquals(
        "/s/a%20b/c?d=%C3%A9&n=42",
        write("/s/${a}&n=${session.index}", CompiledTemplate.Escape.PATH));
  }

  @Test
  void headerValuesCannotBreakTheHeaderAndBodiesAreAsIs() {
    assertEquals("Bearer x  y", write("Bearer ${b}", CompiledTemplate.Escape.HEADER));
    assertEquals(
        "{\"a\": \"a b/c?d=é\", \"u\": \"\"}",
        write("{\"a\": \"${a}\", \"u\": \"${unset}\"}", CompiledTemplate.Escape.NONE));
  }

  @Test
  void builtinsStayInTheirRanges() {
    Ctx ctx = new Ctx();
    CompiledTemplate r =
        CompiledTemplate.compile(
            Template.parse("${random.int(3,5)}"), slots(), CompiledTemplate.Escape.NONE);
    for (int i = 0; i < 1000; i++) {
      int v = Integer.parseInt(r.render(ctx));
      assertTrue(v >= 3 && v <= 5, "" + v);
    }
    String uuid =
        CompiledTemplate.compile(Template.parse("${uuid}"), slots(), CompiledTemplate.Escape.NONE)
            .render(ctx);
    assertTrue(
        uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), uuid);
    long now =
        Long.parseLong(
            CompiledTemplate.compile(
                    Template.parse("${now.millis}"), slots(), CompiledTemplate.Escape.NONE)
                .render(ctx));
    assertTrue(Math.abs(now - System.currentTimeMillis()) < 5000);
  }

  @Test
  void aStaticTemplateIsItsBytes() {
    CompiledTemplate t =
        CompiledTemplate.compile(
            Template.parse("/plain$${x}"), slots(), CompiledTemplate.Escape.PATH);
    assertTrue(t.isStatic());
    assertEquals("/plain${x}", new String(t.staticBytes(), StandardCharsets.UTF_8));
    assertEquals(List.of(), List.of());
  }
}
