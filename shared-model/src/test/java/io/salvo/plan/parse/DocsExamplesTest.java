package io.salvo.plan.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.salvo.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole plans that docs/plan-format.md shows are valid plans: the docs stay true. */
class DocsExamplesTest {
  private static final Path DOC = Path.of("../docs/plan-format.md");

  @Test
  void everyWholePlanInThePlanFormatDocParses(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("users.csv"), "user,password\nann,pw-ann\n");
    Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    List<String> plans = new ArrayList<>();
    while (m.find()) {
      if (m.group(1).contains("scenarios:")) {
        plans.add(m.group(1));
      }
    }
    assertFalse(plans.isEmpty());
    for (String yaml : plans) {
      Path file = dir.resolve("example.yaml");
      Files.writeString(file, yaml);
      Plan plan = PlanParser.parse(file);
      assertFalse(plan.scenarios().isEmpty());
    }
    assertEquals(
        3, plans.size(), "the complete example, the sessions example and the code steps example");
  }
}
