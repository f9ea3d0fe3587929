package io.salvo.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {
  @Test
  void splitsTextVariablesAndBuiltins() {
    Template t = Template.parse("/u/${user}?n=${ random.int(1, 100) }&id=${uuid}${now.millis}");
    assertEquals(
        List.of(
            new Template.Text("/u/"),
            new Template.Variable("user"),
            new Template.Text("?n="),
            new Template.Builtin(Template.BuiltinKind.RANDOM_INT, 1, 100),
            new Template.Text("&id="),
            new Template.Builtin(Template.BuiltinKind.UUID, 0, 0),
            new Template.Builtin(Template.BuiltinKind.NOW_MILLIS, 0, 0)),
        t.parts());
    assertEquals(Set.of("user"), t.variables());
    assertFalse(t.isStatic());
    assertEquals("/u/x?n=x&id=xx", t.withStandIns("x"));
  }

  @Test
  void textWithoutPlaceholdersIsStaticAndDollarDollarIsALiteral() {
    Template t = Template.parse("{\"a\": \"$${b}\", \"c\": \"$x {}\"}");
    assertTrue(t.isStatic());
    assertEquals(List.of(new Template.Text("{\"a\": \"${b}\", \"c\": \"$x {}\"}")), t.parts());
    assertEquals(
        List.of(new Template.Builtin(Template.BuiltinKind.SESSION_INDEX, 0, 0)),
        Template.parse("${session.index}").parts());
  }

  @Test
  void refusesWhatItCannotRender() {
    assertTrue(
        assertThrows(PlanRuleException.class, () -> Template.parse("a${b"))
            .rule()
            .contains("'${' at character 2 that is never closed"));
    assertTrue(
        assertThrows(PlanRuleException.class, () -> Template.parse("${session.id}"))
            .rule()
            .contains("not a built-in"));
    assertTrue(
        assertThrows(PlanRuleException.class, () -> Template.parse("${a b}"))
            .rule()
            .contains("a variable name is letters"));
    assertTrue(
        assertThrows(PlanRuleException.class, () -> Template.parse("${random.int(9,1)}"))
            .rule()
            .contains("minimum is above its maximum"));
  }
}
