package io.salvo.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLocatorTest {
  private static final byte[] DOC =
      ("{\"skip\": {\"deep\": [1, {\"id\": 0}]}, \"token\": \"abc\", \"n\": 12.50,"
              + " \"ok\": true, \"none\": null, \"a/b\": 1, \"items\": [{\"id\": 7, \"tags\":"
              + " [\"x\"]}, {\"id\": 8}], \"obj\": {\"k\": [1, 2]}}")
          .getBytes(StandardCharsets.UTF_8);

  private static String find(JsonLocator l) {
    return l.find(DOC, DOC.length);
  }

  @Test
  void pointersFindScalarsAsWrittenAndContainersAsJson() {
    assertEquals("abc", find(JsonLocator.pointer("/token")));
    assertEquals("12.50", find(JsonLocator.pointer("/n")));
    assertEquals("true", find(JsonLocator.pointer("/ok")));
    assertEquals("8", find(JsonLocator.pointer("/items/1/id")));
    assertEquals("[\"x\"]", find(JsonLocator.pointer("/items/0/tags")));
    assertEquals("{\"k\": [1, 2]}", find(JsonLocator.pointer("/obj")));
    assertEquals("1", find(JsonLocator.pointer("/a~1b")));
    assertNull(find(JsonLocator.pointer("/none")));
    assertNull(find(JsonLocator.pointer("/missing")));
    assertNull(find(JsonLocator.pointer("/items/2/id")));
    assertNull(find(JsonLocator.pointer("/token/0")));
    assertNull(JsonLocator.pointer("/a").find(new byte[] {'<', 'h'}, 2));
  }

  @Test
  void pathsAreTheSameLocations() {
    assertEquals(List.of("items", "1", "id"), JsonLocator.path("$.items[1].id").segments());
    assertEquals(List.of("a/b", "x y"), JsonLocator.path("$['a/b'][\"x y\"]").segments());
    assertEquals("8", find(JsonLocator.path("$.items[1]['id']")));
    assertEquals(List.of(), JsonLocator.path("$").segments());
  }

  @Test
  void refusesWhatItDoesNotSupport() {
    assertThrows(PlanRuleException.class, () -> JsonLocator.pointer("token"));
    assertThrows(PlanRuleException.class, () -> JsonLocator.pointer("/a~2"));
    assertThrows(PlanRuleException.class, () -> JsonLocator.path("$..id"));
    assertThrows(PlanRuleException.class, () -> JsonLocator.path("$.items[*]"));
    assertThrows(PlanRuleException.class, () -> JsonLocator.path("items"));
  }
}
