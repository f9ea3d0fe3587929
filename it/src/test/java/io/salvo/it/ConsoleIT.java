package io.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.salvo.cli.Salvo;
import io.salvo.cli.client.ApiException;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.cli.cluster.LocalCluster;
import io.salvo.target.TargetServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}) driven by Selenium against a coordinator with two agents of cluster {@code
 * console} and a demo target. It signs in with an API token, finds a plan's error at its line,
 * starts a run and watches its live charts gain points from the stats stream, stops it, finds it in
 * the history, marks a baseline and compares a run against a slower target with it ("regressed").
 * Each page is saved as a PNG under {@code target/console-screenshots/}.
 *
 * <p>Without the browser the test is skipped, unless {@code SALVO_REQUIRE_BROWSER} is set (CI
 * installs the browser and sets it, so there a missing browser fails the suite).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
  private static final int OFFSET = 700;
  private static final String URL = "http://127.0.0.1:" + (LocalCluster.HTTP_BASE + OFFSET);
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target/console-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static LocalCluster cluster;
  private static TargetServer target;
  private static CoordinatorClient api;
  private static WebDriver browser;
  private static WebDriverWait wait;
  private static String liveRun;
  private static String baseRun;
  private static String candidateRun;
  private static String waitingRun;

  @BeforeAll
  static void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && System.getenv("SALVO_REQUIRE_BROWSER") != null) {
      fail(
          "SALVO_REQUIRE_BROWSER is set but "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing: apt-get install chromium chromium-driver");
    }
    Assumptions.assumeTrue(
        present,
        "the console's browser tests need Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver); skipped");
    Files.createDirectories(SHOTS);
    cluster = Clusters.cluster("console-it");
    cluster.stopAll();
    target = TargetServer.start(0, 2);
    Clusters.startCoordinator(cluster, OFFSET, "console");
    var agents =
        Clusters.startAgents(
            cluster, "agent", "console", 2, OFFSET, LocalCluster.HTTP_BASE + OFFSET);
    Clusters.awaitAgentsReady(
        cluster, URL, 2, agents.values().stream().map(LocalCluster.Node::port).toList());
    api = new CoordinatorClient(URL, null, Clusters.token());

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // The driver is Debian's: Selenium Manager downloads nothing.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, WAIT);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    Clusters.stop(cluster, target);
  }

  private static WebElement byId(String id) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  private static void open(String hash) {
    browser.get(URL + "/" + hash);
  }

  private static void shot(String name) throws Exception {
    Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static void signIn(String token) {
    browser.manage().deleteAllCookies();
    open("");
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    open("#/cluster");
    byId("login-use-token").click();
    byId("login-token").sendKeys(token);
    byId("login-submit").click();
  }

  /** Errors the page's scripts logged (the network's 4xx answers the tests cause are not). */
  private static List<String> scriptErrors() {
    List<String> errors = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()
          && !e.getMessage().contains("Failed to load resource")) {
        errors.add(e.getMessage());
      }
    }
    return errors;
  }

  private static String plan(String name, int rate, String duration) {
    return "name: "
        + name
        + "\ntarget: {baseUrl: \""
        + target.url()
        + "\"}\nscenarios:\n  - name: browse\n    steps: [{request: {path: /}}]\n"
        + "    load: [{constantRate: {rate: "
        + rate
        + ", duration: "
        + duration
        + "}}]\nthresholds:\n  - \"p99 < 500ms\"\n";
  }

  @Test
  @Order(1)
  void signsInWithATokenAndShowsTheAgents() throws Exception {
    open("");
    // Not signed in: the sign-in page, not the browser's own Basic dialog.
    byId("login-submit");
    signIn("salvo_not-a-token");
    // The refusal shows on the page once the coordinator answered.
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("login-error"), "the API token is not valid"));

    signIn(Clusters.token());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agents"), "console-2"));
    String agents = byId("agents").getText();
    assertTrue(agents.contains("console-1") && agents.contains("IDLE"), agents);
    assertTrue(byId("me").getText().contains("(admin)"), byId("me").getText());
    // The sections are reachable from the keyboard, in order.
    ((JavascriptExecutor) browser).executeScript("document.activeElement.blur()");
    List<String> focused = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      new Actions(browser).sendKeys(Keys.TAB).perform();
      focused.add(browser.switchTo().activeElement().getText());
    }
    int cluster = focused.indexOf("Cluster");
    assertTrue(
        cluster >= 0
            && focused
                .subList(cluster, Math.min(focused.size(), cluster + 4))
                .equals(List.of("Cluster", "Plans", "History", "Compare")),
        focused.toString());
    shot("cluster");
  }

  @Test
  @Order(2)
  void aViewerSeesWhatItMayNotDoAsDisabledActions() throws Exception {
    JsonNode token =
        api.call(
            "POST",
            "/tokens",
            Clusters.JSON.createObjectNode().put("name", "console-viewer").put("role", "viewer"));
    signIn(token.path("token").asText());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), "(viewer)"));
    open("#/plans");
    WebElement save = byId("plan-save");
    assertFalse(save.isEnabled());
    assertEquals("needs the role operator; you are viewer", save.getAttribute("title"));
    assertFalse(byId("run-start").isEnabled());
    signIn(Clusters.token());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), "(admin)"));
  }

  @Test
  @Order(3)
  void aPlanWithAnErrorShowsItAtItsLine() throws Exception {
    open("#/plans");
    WebElement source = byId("plan-source");
    source.sendKeys(plan("console-live", -5, "30s"));
    byId("plan-save").click();
    WebElement issues =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#plan-issues li")));
    assertEquals(
        "line 6, column 34: scenarios[0].load[0].constantRate.rate must be > 0, was -5",
        issues.getText());
    // The gutter marks line 6 and the editor selected the value at fault.
    assertEquals("6", browser.findElement(By.cssSelector(".editor pre span.bad")).getText().trim());
    assertEquals(
        "-5, duration: 30s}}]",
        ((JavascriptExecutor) browser)
            .executeScript(
                "const t = document.getElementById('plan-source');"
                    + " return t.value.substring(t.selectionStart, t.selectionEnd)"));
    shot("plan-error");
    assertFalse(byId("run-start").isEnabled(), "an invalid plan cannot be started");
  }

  @Test
  @Order(4)
  void startsARunAndItsLiveChartsGainAPointEachSecond() throws Exception {
    open("#/plans");
    WebElement source = byId("plan-source");
    source.clear();
    source.sendKeys(plan("console-live", 40, "60s"));
    byId("plan-save").click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("run-start")));
    byId("run-agents").sendKeys("2");
    byId("run-cluster").sendKeys("console");
    byId("run-start").click();
    wait.until(ExpectedConditions.urlContains("#/runs/"));
    liveRun = byId("run-id").getText();
    // The charts fill from the server-sent stream: the count of plotted seconds grows.
    WebElement charts = browser.findElement(By.cssSelector("[data-points]"));
    wait.until(d -> points(charts) >= 2);
    int first = points(charts);
    wait.until(d -> points(charts) >= first + 2);
    assertTrue(byId("chart-throughput").getText().contains("console-1"), "a series per node");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("run-thresholds"), "passed"));
    assertTrue(byId("run-scenarios").getText().contains("browse"));
    assertTrue(byId("run-state").getText().startsWith("RUNNING"), byId("run-state").getText());
    shot("run-live");

    byId("run-stop").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-report")));
    assertEquals("STOPPED", api.run(liveRun).path("state").asText());
    assertTrue(byId("run-report").getText().contains("STOPPED"), byId("run-report").getText());
    assertFalse(byId("run-mark-baseline").isEnabled(), "a stopped run cannot be a baseline");
    shot("run-stopped");
  }

  private static int points(WebElement charts) {
    String n = charts.getAttribute("data-points");
    return n == null || n.isEmpty() ? 0 : Integer.parseInt(n);
  }

  @Test
  @Order(5)
  void findsTheRunInTheHistory() throws Exception {
    open("#/history");
    new org.openqa.selenium.support.ui.Select(byId("filter-state")).selectByValue("STOPPED");
    byId("filter-plan").sendKeys("console-live");
    byId("filter-apply").click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history-count"), "of 1"));
    assertTrue(browser.findElement(By.cssSelector("main table")).getText().contains(liveRun));
    assertTrue(browser.getCurrentUrl().contains("state=STOPPED"), browser.getCurrentUrl());
    shot("history");
  }

  @Test
  @Order(6)
  void comparesARunAgainstASlowerTargetWithTheBaselineAndSeesARegression() throws Exception {
    String plan = plan("console-compare", 40, "4s");
    String base = api.startRun(plan, "console", null, 2, null).path("id").asText();
    baseRun = base;
    assertEquals("COMPLETED", Clusters.awaitEnd(api, base, WAIT).path("state").asText());
    // The same plan against the same target, made slower by 25 ms a response.
    target.addDelay(25);
    String candidate;
    try {
      candidate = api.startRun(plan, "console", null, 2, null).path("id").asText();
      assertEquals("COMPLETED", Clusters.awaitEnd(api, candidate, WAIT).path("state").asText());
      candidateRun = candidate;
    } finally {
      target.addDelay(0);
    }

    open("#/runs/" + base);
    byId("run-mark-baseline").click();
    wait.until(ExpectedConditions.textToBe(By.id("run-mark-baseline"), "This run is the baseline"));
    assertEquals(base, api.call("GET", "/baselines/console-compare", null).path("runId").asText());

    open("#/runs/" + candidate);
    byId("run-compare-baseline").click();
    wait.until(ExpectedConditions.textToBe(By.id("compare-verdict"), "regressed"));
    String table = browser.findElement(By.cssSelector(".compare-part")).getText();
    assertTrue(table.contains("p50 (ms)") && table.contains("regressed"), table);
    // The percentile plot: both runs drawn.
    assertTrue(byId("compare-plot-0").getText().contains("candidate"));
    // Tall enough for the verdict, the table and the percentile plot.
    browser.manage().window().setSize(new Dimension(1280, 1200));
    shot("compare");

    // At phone width nothing runs off the side of the page.
    browser.manage().window().setSize(new Dimension(390, 844));
    try {
      open("#/runs/" + candidate);
      byId("run-report");
      Object overflow =
          ((JavascriptExecutor) browser)
              .executeScript(
                  "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertEquals(0L, ((Number) overflow).longValue());
      shot("run-phone");
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 800));
    }
    assertEquals(List.of(), scriptErrors());
  }

  @Test
  @Order(7)
  void theComparisonApiAndTheCliGateOnTheBaseline() throws Exception {
    JsonNode c = api.call("GET", "/runs/" + candidateRun + "/compare/baseline", null);
    assertEquals("regressed", c.path("verdict").asText());
    assertEquals(baseRun, c.at("/base/runId").asText());
    assertEquals(candidateRun, c.at("/candidate/runId").asText());
    assertEquals("p50", c.at("/parts/0/metrics/2/name").asText());
    assertEquals("regressed", c.at("/parts/0/metrics/2/verdict").asText());
    assertTrue(c.at("/parts/0/candidateDistribution").size() > 5, c.toString());

    // salvo compare gates a CI job: exit 1 on the regression, 0 when latency is not judged.
    String[] gate = cli("compare", "baseline", candidateRun);
    assertEquals("1", gate[0], gate[1] + gate[2]);
    assertTrue(gate[1].contains("verdict: regressed"), gate[1]);
    String[] lenient =
        cli("compare", baseRun, candidateRun, "--tolerance", "p50=off,p90=off,p99=off,p999=off");
    assertEquals("0", lenient[0], lenient[1] + lenient[2]);
    String[] bad = cli("compare", baseRun, candidateRun, "--tolerance", "p99=ten%");
    assertEquals("2", bad[0], bad[1] + bad[2]);
    assertTrue(bad[2].contains("tolerance 'p99=ten%' has no number"), bad[2]);
    String[] history = cli("history", "--plan", "console-compare");
    assertEquals("0", history[0], history[2]);
    assertTrue(history[1].contains(baseRun) && history[1].contains(candidateRun), history[1]);

    // The plan's own tolerances apply to its later comparisons.
    api.call(
        "PUT",
        "/baselines/console-compare",
        Clusters.JSON
            .createObjectNode()
            .put("runId", baseRun)
            .put("tolerances", "p50=off,p90=off,p99=off,p999=off"));
    JsonNode planTolerances = api.call("GET", "/runs/" + candidateRun + "/compare/baseline", null);
    assertEquals("unchanged", planTolerances.path("verdict").asText(), planTolerances.toString());
    assertTrue(planTolerances.path("tolerances").asText().contains("p50=off"));

    // History filters and their errors.
    JsonNode runs =
        api.call("GET", "/runs?plan=console-compare&verdict=PASSED&cluster=console", null);
    assertEquals(2, runs.size(), runs.toString());
    assertTrue(runs.get(1).path("baseline").asBoolean(), "the older run is the baseline");
    assertEquals(0, api.call("GET", "/runs?plan=console-compare&to=2000-01-01", null).size());
    ApiException state =
        assertThrows(ApiException.class, () -> api.call("GET", "/runs?state=DONE", null));
    assertEquals(400, state.status());
    assertTrue(state.getMessage().startsWith("unknown state 'DONE'"), state.getMessage());
    // A run waiting for more agents than there are says who has joined, then fails.
    String waiting =
        api.startRun(plan("console-wait", 10, "2s"), "console", null, 3, "4s").path("id").asText();
    JsonNode w =
        Awaitility.await()
            .atMost(WAIT)
            .until(() -> api.stats(waiting).path("waiting"), n -> n.path("joined").size() == 2);
    assertEquals(3, w.path("needed").asInt());
    assertEquals("[\"console-1\",\"console-2\"]", w.path("joined").toString());
    waitingRun = waiting;
    JsonNode failed = Clusters.awaitEnd(api, waiting, WAIT);
    assertEquals("FAILED", failed.path("state").asText());
    assertTrue(failed.path("message").asText().contains("console-1"), failed.toString());

    ApiException stopped =
        assertThrows(
            ApiException.class, () -> api.call("POST", "/runs/" + liveRun + "/baseline", null));
    assertEquals(409, stopped.status());
    assertTrue(stopped.getMessage().contains("only a completed run can be a baseline"));
  }

  @Test
  @Order(8)
  void deletesRunsButNeverABaselineOrARunInProgress() throws Exception {
    // In the console: the stopped run's Delete, confirmed.
    open("#/history?plan=console-live");
    byId("delete-" + liveRun).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("history-count"), "0 runs"));
    assertEquals(404, assertThrows(ApiException.class, () -> api.run(liveRun)).status());
    assertEquals(404, assertThrows(ApiException.class, () -> api.reportJson(liveRun)).status());

    // A plan's baseline stays: its button is disabled and the API refuses.
    open("#/history?plan=console-compare");
    assertFalse(byId("delete-" + baseRun).isEnabled());
    ApiException baseline =
        assertThrows(ApiException.class, () -> api.call("DELETE", "/runs/" + baseRun, null));
    assertEquals(409, baseline.status());
    assertTrue(
        baseline.getMessage().contains("is the baseline of plan console-compare"),
        baseline.getMessage());

    // Pruning to no run per plan deletes every other finished run, and keeps the baseline.
    String[] pruned = cli("runs", "prune", "--keep", "0");
    assertEquals("0", pruned[0], pruned[1] + pruned[2]);
    assertTrue(pruned[1].contains("2 runs deleted"), pruned[1]);
    assertTrue(pruned[1].contains(candidateRun) && pruned[1].contains(waitingRun), pruned[1]);
    assertEquals("COMPLETED", api.run(baseRun).path("state").asText());
    assertEquals(1, api.call("GET", "/runs", null).size());

    String[] none = cli("runs", "prune");
    assertEquals("2", none[0], none[2]);
    assertTrue(none[2].contains("give --keep N and/or --older-than AGE"), none[2]);
    String[] soon = cli("runs", "prune", "--older-than", "soon");
    assertEquals("2", soon[0], soon[2]);
    assertTrue(soon[2].contains("olderThan must be days (30d) or a duration (12h)"), soon[2]);
    String[] unknown = cli("runs", "delete", "no-such-run");
    assertTrue(unknown[2].contains("no run no-such-run"), unknown[2]);
    assertEquals(List.of(), scriptErrors());
  }

  /** The salvo command against this coordinator: exit code, stdout, stderr. */
  private static String[] cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--coordinator", URL, "--token", Clusters.token()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Salvo.execute(
            all.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {
      Integer.toString(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }
}
