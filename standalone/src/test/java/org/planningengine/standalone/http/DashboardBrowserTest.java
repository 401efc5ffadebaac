package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.standalone.TestUsers;
import org.planningengine.workload.HttpSink;
import org.planningengine.workload.PlanGenerator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs) against the running engine, seeded with a scenario: every page shows the numbers the API answers,
 * dragging the time slider redraws the roadmap as of the instant it lands on, a new event shows without a reload,
 * archived initiatives and cycles are not shown (the views leave them out), and refusals are shown in words. The
 * slider acts on the page shown with its filters, marks the plan's commit, reviews, grades and a close, says when a
 * cycle is closed, and a link to an instant opens there; what moved since the instant shown before is highlighted;
 * ids show as names; long lists are drawn a part at a time.
 * Screenshots go to {@code target/dashboard-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends BrowserTestBase {

    private static final String CYCLE = "dash-c";
    /** The least time apart two instants the time slider lands on can be: see {@code span} in timebar.js. */
    private static final Duration SLIDER_RESOLUTION = Duration.ofMillis(1);

    private static final String MEASURED_LONG_AGO = "2026-01-05T09:00:00Z";


    /** A semester in two phases a moment apart, so that the slider has a past to travel to. */
    @Override
    void seed() {
        api.write("/api/cycles", """
                {"id": "dash-c", "name": "Dashboard semester", "startDate": "2031-01-01", "endDate": "2031-06-30"}""");
        api.write("/api/cycles", """
                {"id": "dash-empty", "name": "Nothing planned yet", "startDate": "2031-07-01", "endDate": "2031-12-31"}""");
        api.write("/api/teams", "{\"id\": \"dash-web\", \"name\": \"Web\"}");
        endTheFirstPhase(api.write("/api/teams", "{\"id\": \"dash-data\", \"name\": \"Data\"}"));
        for (String[] initiative : List.of(
                new String[]{"dash-checkout", "dash-web", "Checkout in one step", "NEW_INITIATIVE", "4000", "2", "0.8", "8"},
                new String[]{"dash-search", "dash-data", "Search that understands", "NEW_INITIATIVE", "3000", "1", "0.5", "5"},
                new String[]{"dash-upgrade", "dash-web", "Framework upgrade", "KTLO", "500", "1", "1", "2"},
                new String[]{"dash-pipeline", "dash-data", "Faster pipeline", "TEAM_INITIATIVE", "200", "0.5", "0.8", "4"})) {
            api.write("/api/initiatives", """
                    {"id": "%s", "cycleId": "dash-c", "teamId": "%s", "title": "%s", "category": "%s"}"""
                    .formatted(initiative[0], initiative[1], initiative[2], initiative[3]));
            api.write("/api/initiatives/" + initiative[0] + "/score", """
                    {"reach": %s, "impact": %s, "confidence": %s, "effort": %s, "reason": "first estimate"}"""
                    .formatted(initiative[4], initiative[5], initiative[6], initiative[7]));
        }
        api.write("/api/initiatives", """
                {"id": "dash-old", "cycleId": "dash-c", "teamId": "dash-web", "title": "An idea nobody took up",
                 "category": "KTLO"}""");
        api.write("/api/initiatives/dash-old/score", """
                {"reach": 9000, "impact": 3, "confidence": 1, "effort": 1, "reason": "a guess"}""");
        api.write("/api/initiatives/dash-old/archive", "{\"reason\": \"nobody took it up\"}");
        api.write("/api/cycles", """
                {"id": "dash-gone", "name": "Started by mistake", "startDate": "2031-01-01",
                 "endDate": "2031-03-31"}""");
        api.write("/api/cycles/dash-gone/archive", "{\"reason\": \"started by mistake\"}");
        api.write("/api/initiatives/dash-checkout/dependencies", "{\"dependsOn\": \"dash-search\"}");
        api.write("/api/initiatives/dash-checkout/commit", "{\"reason\": \"the bet of the half\"}");
        for (String team : List.of("dash-web", "dash-data")) {
            api.replace("/api/cycles/dash-c/teams/" + team + "/capacity", "{\"personWeeks\": 40}");
        }
        api.write("/api/cycles/dash-c/teams/dash-web/allocations", """
                {"initiativeId": "dash-checkout", "personWeeks": 28, "override": {"reason": "the bet of the half"}}""");
        api.write("/api/cycles/dash-c/teams/dash-web/allocations",
                  "{\"initiativeId\": \"dash-upgrade\", \"personWeeks\": 6}");
        api.write("/api/cycles/dash-c/teams/dash-data/allocations",
                  "{\"initiativeId\": \"dash-search\", \"personWeeks\": 12}");
        api.write("/api/objectives", """
                {"id": "dash-o", "cycleId": "dash-c", "title": "Buyers who come back"}""");
        api.write("/api/objectives", """
                {"id": "dash-o-web", "cycleId": "dash-c", "ownerTeamId": "dash-web", "title": "Checkout people finish",
                 "parentObjectiveId": "dash-o"}""");
        api.write("/api/objectives/dash-o-web/key-results", """
                {"id": "conversion", "title": "Conversion to 4%", "metric": "conversion", "unit": "%",
                 "baseline": 3, "target": 4}""");
        api.write("/api/initiatives/dash-checkout/key-results",
                  "{\"objectiveId\": \"dash-o-web\", \"keyResultId\": \"conversion\"}");
        for (String[] checkIn : List.of(new String[]{"3.2", "0.5"}, new String[]{"3.5", "0.7"},
                                        new String[]{"3.4", "0.6"})) {
            api.write("/api/objectives/dash-o-web/key-results/conversion/check-ins",
                      "{\"value\": %s, \"confidence\": %s}".formatted(checkIn[0], checkIn[1]));
        }
        // Last year's figure, entered last: first in the trend, and at the left end of its sparkline.
        api.write("/api/objectives/dash-o-web/key-results/conversion/check-ins", """
                {"value": 3.1, "confidence": 0.4, "measuredAt": "%s"}""".formatted(MEASURED_LONG_AGO));
        api.write("/api/initiatives/dash-search/score", """
                {"reach": 3000, "impact": 2, "confidence": 0.8, "effort": 5, "reason": "the prototype worked"}""");
        api.write("/api/cycles/dash-c/commit", "{\"reason\": \"planning week is over\"}");
        // A semester gone by: planned, its objective reviewed and graded, closed.
        api.write("/api/cycles", """
                {"id": "dash-done", "name": "A semester gone by", "startDate": "2030-07-01",
                 "endDate": "2030-12-31"}""");
        api.write("/api/objectives", """
                {"id": "dash-done-o", "cycleId": "dash-done", "ownerTeamId": "dash-web",
                 "title": "Pages that load fast"}""");
        api.write("/api/objectives/dash-done-o/key-results", """
                {"id": "load", "title": "Load in a second", "metric": "load time", "unit": "s", "baseline": 3,
                 "target": 1}""");
        api.write("/api/cycles/dash-done/commit", "{\"reason\": \"planned in a day\"}");
        api.write("/api/objectives/dash-done-o/reviews", "{\"outcome\": \"KEEP\", \"reason\": \"still the goal\"}");
        api.write("/api/objectives/dash-done-o/grade", "{\"reason\": \"the half is over\"}");
        api.write("/api/cycles/dash-done/close", "{\"reason\": \"the half is over\"}");
        awaitViews(api.write("/api/lessons", """
                {"cycleId": "dash-c", "subjectId": "dash-checkout", "text": "Prototype before scoring.", "tags": ["rice"]}"""));
    }

    /**
     * The first phase (the cycles and teams, no initiative: an empty roadmap) ends once the views reflect its last
     * write and the clock, the one that stamps events, has moved past the instant they reflect by the least the
     * slider tells apart. The slider's instants are JavaScript dates, whole milliseconds, its first one a
     * millisecond after the cycle started, and its {@code STEPS} span at least a second ({@code timebar.js}): a
     * millisecond. So every event of the second phase comes after the slider's first instant, where the roadmap is
     * empty.
     */
    private void endTheFirstPhase(HttpApi.Response lastWrite) {
        HttpApi.Response cycle = api.get("/api/cycles/" + CYCLE + "?consistentWith="
                                         + lastWrite.body().get("consistencyToken").asText());
        assertThat(cycle.status()).as(cycle.raw()).isEqualTo(200);
        Instant firstPhaseReflected = Instant.parse(cycle.body().get("asOf").asText());
        Instant secondPhaseMayStart = firstPhaseReflected.plus(SLIDER_RESOLUTION);
        Await.until("the clock to pass " + secondPhaseMayStart, () -> Instant.now().isAfter(secondPhaseMayStart));
    }

    @Test
    @Order(1)
    void signsInAndShowsTheRoadmapAsTheApiRanksIt() {
        WebElement dialog = browser.signInDialog();
        assertThat(dialog.isDisplayed()).isTrue();
        browser.signIn(dialog, TestUsers.TESTER);

        browser.open("#/cycles/" + CYCLE + "/roadmap");
        JsonNode roadmap = api.get("/api/cycles/" + CYCLE + "/roadmap").body();
        assertRoadmapShows(roadmap);
        WebElement checkout = row("dash-checkout");
        WebElement risk = checkout.findElement(By.cssSelector(".risks a"));
        assertThat(risk.getText()).as("the dependency by its title").isEqualTo("Search that understands");
        assertThat(risk.getAttribute("href")).endsWith("#/history/initiative/dash-search");
        assertThat(checkout.findElement(By.cssSelector(".risks")).getText()).doesNotContain("dash-search");
        assertThat(checkout.findElement(By.cssSelector("td.team")).getText()).as("the team by its name")
                                                                          .isEqualTo("Web");
        assertThat(rows()).extracting(tableRow -> tableRow.getAttribute("data-initiative"))
                          .contains("dash-checkout").doesNotContain("dash-old");
        assertThat(new Select(browser.driver.findElement(By.id("cycle-picker"))).getOptions())
                .extracting(option -> option.getAttribute("value")).contains(CYCLE).doesNotContain("dash-gone");
        WebElement score = checkout.findElement(By.cssSelector(".score .tip"));
        assertThat(score.getAttribute("data-tip")).isEqualTo(
                "Reach 4000 × impact 2 × confidence 0.8 ÷ effort 8 person-weeks");
        score.sendKeys(""); // focus shows the same tip as hover
        browser.screenshot("roadmap");

        browser.retryingRedraws(() -> new Select(browser.driver.findElement(By.name("team")))
                .selectByValue("dash-data"));
        JsonNode filtered = api.get("/api/cycles/" + CYCLE + "/roadmap?team=dash-data").body();
        browser.waitUntil(() -> rows().size() == filtered.get("items").size());
        assertRoadmapShows(filtered);
    }

    @Test
    @Order(2)
    void capacityOkrsRetrospectiveAndHistoryShowTheApisNumbers() {
        browser.open("#/cycles/" + CYCLE + "/capacity");
        JsonNode capacity = api.get("/api/cycles/" + CYCLE + "/capacity").body();
        for (JsonNode team : capacity.get("teams")) {
            WebElement card = browser.waitFor(By.cssSelector(".team[data-team='" + team.get("teamId").asText() + "']"));
            assertThat(card.findElement(By.cssSelector(".allocated")).getText())
                    .isEqualTo(whole(team.get("allocatedPersonWeeks")));
            assertThat(card.findElement(By.cssSelector(".capacity-total")).getText())
                    .isEqualTo(whole(team.get("capacityPersonWeeks")));
            for (JsonNode bucket : team.get("buckets")) {
                assertThat(card.findElement(By.cssSelector("tr[data-bucket='" + bucket.get("name").asText()
                                                           + "'] .actual")).getText())
                        .isEqualTo(decimals(bucket.get("actualShare"), 2) + "%");
            }
            assertThat(card.findElements(By.cssSelector(".overrides li"))).hasSize(team.get("overrides").size());
        }
        assertThat(browser.driver.findElement(By.cssSelector(".team[data-team='dash-web'] .overrides")).getText())
                .contains("the bet of the half");
        browser.screenshot("capacity");

        browser.open("#/cycles/" + CYCLE + "/okrs");
        JsonNode okrs = api.get("/api/cycles/" + CYCLE + "/okrs").body();
        for (JsonNode objective : okrs.get("objectives")) {
            WebElement node = browser.waitFor(By.cssSelector("[data-objective='" + objective.get("objectiveId").asText()
                                                             + "']"));
            assertThat(node.findElement(By.cssSelector(":scope > .objective .progress-value")).getText())
                    .as("rolled up as the API rolls it up").isEqualTo(percent(objective.get("progress")));
            for (JsonNode keyResult : objective.get("keyResults")) {
                WebElement line = node.findElement(By.cssSelector("tr[data-key-result='"
                                                                  + keyResult.get("keyResultId").asText() + "']"));
                assertThat(line.findElement(By.cssSelector(".kr-progress .progress-value")).getText())
                        .isEqualTo(percent(keyResult.get("progress")));
                assertThat(line.findElement(By.cssSelector(".current")).getText())
                        .isEqualTo(keyResult.get("current").asText());
                assertThat(line.findElements(By.cssSelector("svg.sparkline polyline"))).hasSize(1);
            }
        }
        assertThat(browser.driver.findElement(By.cssSelector("[data-objective='dash-o'] [data-objective='dash-o-web']"))
                                 .isDisplayed()).as("aligned under its parent").isTrue();
        WebElement trend = browser.driver.findElement(By.cssSelector("tr[data-key-result='conversion'] svg.sparkline"));
        List<Double> xs = new ArrayList<>();
        for (String point : trend.findElement(By.tagName("polyline")).getAttribute("points").split(" ")) {
            xs.add(Double.parseDouble(point.split(",")[0]));
        }
        assertThat(xs).as("drawn where each value was measured: last year's at the left, the three of now at the "
                          + "right").hasSize(4).isSorted().startsWith(0.0).endsWith(80.0);
        assertThat(xs.get(1)).isGreaterThan(79.0);
        assertThat(trend.getAttribute("aria-label")).contains("measured from " + MEASURED_LONG_AGO);
        browser.screenshot("okrs");

        browser.open("#/cycles/" + CYCLE + "/retrospective");
        JsonNode retrospective = api.get("/api/cycles/" + CYCLE + "/retrospective").body();
        browser.waitFor(By.cssSelector("[data-count='committed'] .value"));
        assertThat(browser.textAt("[data-count='committed'] .value"))
                .isEqualTo(retrospective.get("initiatives").get("committed").asText());
        assertThat(browser.textAt("[data-count='re-scores'] .value"))
                .isEqualTo(retrospective.get("churn").get("rescores").asText());
        assertThat(browser.driver.findElements(By.cssSelector(".timeline li")))
                .hasSize(retrospective.get("decisions").size());
        assertThat(browser.driver.findElement(By.cssSelector(".retrospective")).getText())
                .contains("Prototype before scoring.");
        browser.screenshot("retrospective");

        browser.open("#/history/initiative/dash-search");
        JsonNode history = api.get("/api/initiatives/dash-search/history").body();
        browser.waitUntil(() -> browser.driver.findElements(By.cssSelector("#history-table tbody tr")).size()
                                == history.get("events").size());
        assertThat(browser.driver.findElement(By.id("history-table")).getText()).contains("the prototype worked");
        browser.screenshot("history");
    }

    @Test
    @Order(3)
    void draggingTheSliderRedrawsTheRoadmapAsOfTheInstantItLandsOn() {
        browser.open("#/cycles/" + CYCLE + "/roadmap");
        JsonNode now = api.get("/api/cycles/" + CYCLE + "/roadmap").body();
        assertRoadmapShows(now);
        WebElement slider = browser.driver.findElement(By.id("as-of"));
        String renderedBefore = browser.page().getAttribute("data-rendered");

        new Actions(browser.driver).clickAndHold(slider).moveByOffset(-slider.getSize().getWidth() / 2, 0).release()
                                   .perform();

        browser.waitUntil(() -> !browser.page().getAttribute("data-rendered").equals(renderedBefore));
        String asOf = settledAsOf();
        assertThat(browser.driver.getCurrentUrl()).contains("asOf=");
        Instant started = Instant.parse(api.get("/api/cycles/" + CYCLE).body().get("policyHistory").get(0).get("from")
                                           .asText());
        assertThat(Instant.parse(asOf)).as("dragged to the slider's first instant, which the first phase ends after")
                                       .isEqualTo(started.truncatedTo(ChronoUnit.MILLIS).plus(SLIDER_RESOLUTION));
        JsonNode then = api.get("/api/cycles/" + CYCLE + "/roadmap?asOf=" + asOf).body();
        assertThat(then.get("items").size()).as("the start of the cycle had fewer initiatives")
                                            .isLessThan(now.get("items").size());
        assertRoadmapShows(then);
        browser.screenshot("roadmap-as-of-the-start");

        browser.retryingRedraws(() -> browser.driver.findElement(By.id("now")).click());
        browser.waitUntil(() -> browser.page().getAttribute("data-as-of").isEmpty());
        assertRoadmapShows(now);

        String from = then.get("asOf").asText();
        String to = now.get("asOf").asText();
        browser.open("#/cycles/" + CYCLE + "/roadmap?from=" + from + "&to=" + to);
        JsonNode diff = api.get("/api/cycles/" + CYCLE + "/roadmap/diff?from=" + from + "&to=" + to).body();
        browser.waitFor(By.id("diff"));
        assertThat(browser.driver.findElement(By.id("diff")).getText())
                .contains("Entered (" + diff.get("entered").size() + ")")
                .contains("Score changes (" + diff.get("scoreChanges").size() + ")");
        browser.screenshot("roadmap-compared");
    }

    @Test
    @Order(4)
    void aNewEventShowsWithoutAReload() {
        browser.open("#/cycles/" + CYCLE + "/roadmap");
        browser.waitUntil(() -> !rows().isEmpty());
        Object marker = browser.script("return window.notReloaded = 'still here';");

        api.write("/api/initiatives", """
                {"id": "dash-live", "cycleId": "dash-c", "teamId": "dash-web", "title": "Arrived live", "category": "KTLO"}""");

        browser.waitUntil(() -> !browser.driver.findElements(By.cssSelector("tr[data-initiative='dash-live']"))
                                               .isEmpty());
        assertThat(browser.script("return window.notReloaded;")).isEqualTo(marker);
    }

    @Test
    @Order(5)
    void emptyStatesSayWhatToDoAndRefusalsAreShownInWords() {
        browser.open("#/cycles/dash-empty/roadmap");
        browser.waitUntil(() -> browser.page().getText().contains("No initiative in this cycle yet"));
        assertThat(browser.page().getText()).contains("POST /api/initiatives");

        browser.open("#/cycles/no-such-cycle/roadmap");
        WebElement problem = browser.driver.findElement(By.id("problem"));
        browser.waitUntil(problem::isDisplayed);
        assertThat(problem.getText()).isEqualTo("The engine refused: there is no cycle no-such-cycle (404)");

        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.open("#/cycles/" + CYCLE + "/roadmap");
        browser.waitUntil(() -> !rows().isEmpty());
        Long overflow = (Long) browser.script(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow).as("the page itself does not scroll sideways on a phone").isLessThanOrEqualTo(0L);
        browser.screenshot("roadmap-phone");
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
    }

    @Test
    @Order(6)
    void aGeneratedSemesterIsShownAsTheApiAnswersItNowAndAsOfAnyInstant() {
        PlanGenerator.Summary generated = new PlanGenerator(3, 0.05, new HttpSink("http://localhost:" + port,
                                                                                  TestUsers.TESTER,
                                                                                  TestUsers.PASSWORD))
                .run("dashgen", 1);
        assertThat(generated.refused()).isZero();
        awaitViews(api.write("/api/lessons", "{\"cycleId\": \"dashgen-s0\", \"text\": \"seeded\"}"));

        browser.open("#/cycles/dashgen-s0/roadmap");
        JsonNode generatedRoadmap = api.get("/api/cycles/dashgen-s0/roadmap").body();
        assertThat(generatedRoadmap.get("items").size()).as("more than the rows drawn at first").isGreaterThan(200);
        assertRoadmapShows(generatedRoadmap);
        browser.retryingRedraws(() -> browser.driver.findElement(By.id("every-row")).click());
        assertRoadmapShows(generatedRoadmap);
        WebElement slider = browser.driver.findElement(By.id("as-of"));
        new Actions(browser.driver).clickAndHold(slider).moveByOffset(-slider.getSize().getWidth() / 4, 0).release()
                                   .perform();
        assertRoadmapShows(api.get("/api/cycles/dashgen-s0/roadmap?asOf=" + settledAsOf()).body());
        browser.screenshot("generated-semester-as-of");
    }

    @Test
    @Order(7)
    void movingTheSliderOrPressingNowStaysOnThePageShown() {
        browser.open("#/cycles/" + CYCLE + "/capacity");
        browser.waitFor(By.cssSelector(".team[data-team='dash-web']"));
        browser.retryingRedraws(() -> browser.driver.findElement(By.cssSelector("#tabs a[href$='/okrs']")).click());
        browser.waitFor(By.cssSelector("[data-objective='dash-o']"));

        browser.driver.findElement(By.id("as-of")).sendKeys(Keys.ARROW_LEFT);

        browser.waitUntil(() -> !browser.page().getAttribute("data-as-of").isEmpty());
        assertThat(browser.driver.getCurrentUrl())
                .as("the bar was built on the capacity page, and acts on the one shown")
                .contains("#/cycles/" + CYCLE + "/okrs?asOf=");
        browser.waitFor(By.cssSelector("[data-objective='dash-o']"));

        browser.retryingRedraws(() -> browser.driver.findElement(By.id("now")).click());
        browser.waitUntil(() -> browser.page().getAttribute("data-as-of").isEmpty());
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/cycles/" + CYCLE + "/okrs");
        assertThat(browser.driver.findElements(By.cssSelector(".tree [data-objective='dash-o']"))).isNotEmpty();
    }

    @Test
    @Order(8)
    void theRoadmapsFiltersSurviveTheSliderAndTheInstantSurvivesTheFilters() {
        String filters = "team=dash-data&category=NEW_INITIATIVE";
        browser.open("#/cycles/" + CYCLE + "/roadmap?" + filters);
        assertRoadmapShows(api.get("/api/cycles/" + CYCLE + "/roadmap?" + filters).body());

        browser.driver.findElement(By.id("as-of")).sendKeys(Keys.ARROW_LEFT);

        browser.waitUntil(() -> !browser.page().getAttribute("data-as-of").isEmpty());
        String asOf = browser.page().getAttribute("data-as-of");
        assertThat(browser.driver.getCurrentUrl()).contains("team=dash-data").contains("category=NEW_INITIATIVE")
                                                  .contains("asOf=");
        assertThat(new Select(browser.driver.findElement(By.name("team"))).getFirstSelectedOption().getText())
                .as("the team by its name").isEqualTo("Data");
        assertRoadmapShows(api.get("/api/cycles/" + CYCLE + "/roadmap?" + filters + "&asOf=" + asOf).body());

        String rendered = browser.page().getAttribute("data-rendered");
        browser.retryingRedraws(() -> new Select(browser.driver.findElement(By.name("status")))
                .selectByValue("PROPOSED"));
        browser.waitUntil(() -> browser.driver.getCurrentUrl().contains("status=PROPOSED")
                                && !browser.page().getAttribute("data-rendered").equals(rendered));
        assertThat(browser.driver.getCurrentUrl()).contains("team=dash-data").contains("asOf=");
        assertThat(browser.page().getAttribute("data-as-of")).isEqualTo(asOf);
        assertRoadmapShows(api.get("/api/cycles/" + CYCLE + "/roadmap?" + filters + "&status=PROPOSED&asOf=" + asOf)
                              .body());
    }

    @Test
    @Order(9)
    void whatMovedSinceTheInstantShownBeforeIsHighlightedAndTheDiffNamesInitiatives() {
        String beforeTheRescore = Instant.parse(decisionAt(CYCLE, "InitiativeScored", "the prototype worked"))
                                         .minusMillis(1).toString();
        JsonNode now = api.get("/api/cycles/" + CYCLE + "/roadmap").body();
        browser.open("#/cycles/" + CYCLE + "/roadmap");
        assertRoadmapShows(now);

        browser.script("location.hash = arguments[0];", "#/cycles/" + CYCLE + "/roadmap?asOf=" + beforeTheRescore);

        browser.waitUntil(() -> beforeTheRescore.equals(browser.page().getAttribute("data-as-of")));
        assertRoadmapShows(api.get("/api/cycles/" + CYCLE + "/roadmap?asOf=" + beforeTheRescore).body());
        assertThat(row("dash-search").getAttribute("class")).contains("changed");
        WebElement score = row("dash-search").findElement(By.cssSelector("td.score"));
        assertThat(score.getAttribute("class")).contains("changed");
        assertThat(score.getAttribute("title")).isEqualTo("was 960.00");
        assertThat(row("dash-checkout").findElement(By.cssSelector("td.rank")).getAttribute("title"))
                .isEqualTo("was 2");
        assertThat(row("dash-upgrade").getAttribute("class")).as("neither rank, score nor status moved")
                                                             .doesNotContain("changed");
        assertThat(browser.textAt("#changes-legend")).contains("changed");

        browser.open("#/cycles/" + CYCLE + "/roadmap?from=" + beforeTheRescore + "&to=" + now.get("asOf").asText());
        browser.waitFor(By.id("diff"));
        assertThat(browser.textAt("#diff [data-list='score']")).contains("Search that understands: 300.00 → 960.00");
        assertThat(browser.textAt("#diff [data-list='rank']")).contains("Search that understands: 2 → 1")
                                                              .contains("Checkout in one step: 1 → 2");
        assertThat(browser.textAt("#diff")).doesNotContain("dash-search").doesNotContain("dash-checkout");
        assertThat(browser.driver.findElement(By.cssSelector("#diff [data-list='score'] a")).getAttribute("href"))
                .endsWith("#/history/initiative/dash-search");
        browser.screenshot("roadmap-compared-by-name");
    }

    @Test
    @Order(10)
    void aLinkToAnInstantOpensThereWithTheSliderInPlace() {
        Instant instant = Instant.parse(decisionAt(CYCLE, "InitiativeScored", "the prototype worked")).minusMillis(1);
        // As sent in a message: an offset, its '+' not escaped.
        String link = OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(2)).toString();
        assertThat(link).contains("+02:00");
        browser.open("#/cycles/" + CYCLE + "/roadmap?asOf=" + link);
        browser.driver.navigate().refresh();

        browser.waitUntil(() -> link.equals(browser.page().getAttribute("data-as-of")));
        assertRoadmapShows(api.get("/api/cycles/" + CYCLE + "/roadmap?asOf=" + instant).body());
        long from = Instant.parse(api.get("/api/cycles/" + CYCLE).body().get("policyHistory").get(0).get("from")
                                     .asText()).toEpochMilli() + 1;
        long expected = Math.round((double) (instant.toEpochMilli() - from) / (System.currentTimeMillis() - from)
                                   * 1000);
        assertThat(Integer.parseInt(browser.driver.findElement(By.id("as-of")).getAttribute("value")))
                .as("the slider where the instant falls between the start and now").isBetween((int) expected - 5,
                                                                                             (int) expected + 5);
        assertThat(browser.textAt("#as-of-label")).startsWith("As of");
        assertThat(browser.driver.findElement(By.id("now")).isEnabled()).isTrue();
    }

    @Test
    @Order(11)
    void aClosedCycleSaysSoAndItsMarksLeadToTheirInstants() {
        browser.open("#/cycles/dash-done/okrs");
        browser.waitFor(By.cssSelector("[data-objective='dash-done-o'] .grade"));
        browser.waitUntil(() -> browser.driver.findElements(By.cssSelector("#marks .mark")).size() == 4);
        assertThat(browser.textAt("#as-of-label")).doesNotContain("Live").startsWith("Closed: shown as of its close");
        for (String type : List.of("PlanCommitted", "ObjectiveReviewed", "ObjectiveGraded", "CycleClosed")) {
            assertThat(browser.driver.findElements(By.cssSelector("#marks .mark[data-type='" + type + "']")))
                    .as(type).hasSize(1);
        }
        WebElement commit = browser.driver.findElement(By.cssSelector("#marks .mark[data-type='PlanCommitted']"));
        assertThat(commit.getAttribute("title")).startsWith("Plan committed").endsWith(": planned in a day");
        assertThat(browser.driver.findElement(By.cssSelector("#marks .mark[data-type='ObjectiveReviewed']"))
                                 .getAttribute("title"))
                .startsWith("Objective reviewed \"Pages that load fast\" (keep)");
        String committedAt = decisionAt("dash-done", "PlanCommitted", "planned in a day");
        assertThat(commit.getAttribute("data-at")).isEqualTo(committedAt);

        commit.click();

        browser.waitUntil(() -> committedAt.equals(browser.page().getAttribute("data-as-of")));
        assertThat(browser.driver.getCurrentUrl()).contains("#/cycles/dash-done/okrs?asOf=");
        assertThat(browser.driver.findElements(By.cssSelector("[data-objective='dash-done-o'] .grade")))
                .as("not graded yet at the commit").isEmpty();
        assertThat(browser.textAt("#as-of-label")).startsWith("As of");

        browser.driver.findElement(By.id("next-mark")).sendKeys(Keys.ENTER);
        String reviewedAt = decisionAt("dash-done", "ObjectiveReviewed", "still the goal");
        browser.waitUntil(() -> reviewedAt.equals(browser.page().getAttribute("data-as-of")));

        browser.retryingRedraws(() -> browser.driver.findElement(By.id("now")).click());
        browser.waitUntil(() -> browser.page().getAttribute("data-as-of").isEmpty());
        browser.waitFor(By.cssSelector("[data-objective='dash-done-o'] .grade"));
        assertThat(browser.textAt("#as-of-label")).startsWith("Closed");

        // The film starts at the cycle's start and takes a frame at a time, each shown for most of a second.
        browser.retryingRedraws(() -> browser.driver.findElement(By.id("play")).click());
        browser.waitUntil(() -> "true".equals(browser.driver.findElement(By.id("play")).getAttribute("aria-pressed"))
                                && !browser.page().getAttribute("data-as-of").isEmpty());
        assertThat(browser.textAt("#play")).isEqualTo("■ Stop");
        browser.retryingRedraws(() -> browser.driver.findElement(By.id("play")).click());
        browser.waitUntil(() -> "false".equals(browser.driver.findElement(By.id("play")).getAttribute("aria-pressed")));
        assertThat(browser.textAt("#play")).isEqualTo("▶ Play");
        assertThat(browser.driver.getCurrentUrl()).contains("#/cycles/dash-done/okrs?asOf=");
        browser.screenshot("closed-cycle");

        // The closed cycle's bar has a PlanCommitted mark too: wait for the open cycle's bar.
        browser.open("#/cycles/" + CYCLE + "/roadmap");
        browser.waitUntil(() -> CYCLE.equals(browser.driver.findElement(By.id("timebar")).getAttribute("data-cycle"))
                                && browser.driver.findElements(By.cssSelector("#marks .mark[data-type='PlanCommitted']"))
                                                 .size() == 1);
        assertThat(browser.textAt("#as-of-label")).startsWith("Live");
    }

    @Test
    @Order(12)
    void theRetrospectiveDrawsItsDecisionsAHundredAtATimeByName() {
        JsonNode retrospective = api.get("/api/cycles/dashgen-s0/retrospective").body();
        int decisions = retrospective.get("decisions").size();
        assertThat(decisions).as("a generated semester has many").isGreaterThan(200);
        browser.open("#/cycles/dashgen-s0/retrospective");

        browser.waitFor(By.id("more-decisions"));
        assertThat(browser.driver.findElements(By.cssSelector(".timeline li"))).hasSize(100);
        assertThat(browser.textAt("#decisions-shown")).isEqualTo("100 of " + decisions + " decisions.");
        browser.retryingRedraws(() -> browser.driver.findElement(By.id("more-decisions")).click());
        browser.waitUntil(() -> browser.driver.findElements(By.cssSelector(".timeline li")).size() == 200);

        Map<String, String> titles = new HashMap<>();
        for (JsonNode item : api.get("/api/cycles/dashgen-s0/roadmap?archived=include").body().get("items")) {
            titles.put("initiative:" + item.get("initiativeId").asText(), item.get("title").asText());
        }
        @SuppressWarnings("unchecked")
        List<List<String>> subjects = (List<List<String>>) browser.script("""
                return [...document.querySelectorAll('.timeline a.subject')]
                    .map(link => [link.dataset.subject, link.textContent]);""");
        List<List<String>> initiatives = subjects.stream().filter(subject -> titles.containsKey(subject.get(0)))
                                                 .toList();
        assertThat(initiatives).as("decisions about initiatives of the cycle").isNotEmpty();
        assertThat(initiatives).allSatisfy(subject -> assertThat(subject.get(1)).isEqualTo(titles.get(subject.get(0))));
        browser.screenshot("retrospective-paged");
    }

    @Test
    @Order(13)
    void aStepThatChangesNothingKeepsThePageAndReadsTheViewAlone() {
        browser.open("#/cycles/" + CYCLE + "/roadmap");
        assertRoadmapShows(api.get("/api/cycles/" + CYCLE + "/roadmap").body());
        browser.waitUntil(() -> browser.driver.findElements(By.cssSelector("#marks .mark")).size() == 1);
        // A first step leaves the live page, whose table offers writes (a past instant offers none).
        String live = browser.page().getAttribute("data-as-of");
        browser.driver.findElement(By.id("as-of")).sendKeys(Keys.ARROW_LEFT);
        browser.waitUntil(() -> !browser.page().getAttribute("data-as-of").equals(live));
        browser.script("""
                document.getElementById('roadmap-table').dataset.drawn = 'once';
                window.fetched = [];
                const fetch = window.fetch;
                window.fetch = (path, options) => {
                    window.fetched.push(String(path));
                    return fetch(path, options);
                };""");
        List<String> instants = new ArrayList<>();

        // Two steps further back, both after the cycle's last event: the roadmap then is the roadmap now.
        for (int step = 1; step <= 2; step++) {
            String kept = String.valueOf(browser.page().getAttribute("data-kept"));
            String shownBefore = browser.page().getAttribute("data-as-of");
            browser.driver.findElement(By.id("as-of")).sendKeys(Keys.ARROW_LEFT);
            browser.waitUntil(() -> !browser.page().getAttribute("data-as-of").equals(shownBefore)
                                    && !String.valueOf(browser.page().getAttribute("data-kept")).equals(kept));
            instants.add(browser.page().getAttribute("data-as-of"));
        }

        assertThat(browser.script(
                "return document.getElementById('roadmap-table').dataset.drawn;")).as("the same table kept")
                                                                                   .isEqualTo("once");
        @SuppressWarnings("unchecked")
        List<String> fetched = ((List<String>) browser.script("return window.fetched;"))
                .stream().filter(path -> !path.equals("/api/cycles")).toList(); // the live page's look for events
        assertThat(fetched).as("no teams, names or marks read again").containsExactly(
                instants.stream().map(asOf -> "/api/cycles/" + CYCLE + "/roadmap?asOf=" + asOf.replace(":", "%3A"))
                        .toArray(String[]::new));
    }

    /** When the decision of this type and reason in the cycle was taken, as the decision log answers it. */
    private String decisionAt(String cycle, String type, String reason) {
        for (JsonNode decision : api.get("/api/decisions?cycle=" + cycle + "&type=" + type + "&size=500").body()
                                    .get("decisions")) {
            if (reason.equals(decision.get("reason").asText())) {
                return decision.get("at").asText();
            }
        }
        throw new AssertionError("no " + type + " decision in " + cycle + " for " + reason);
    }

    /**
     * The instant the page shows once a drag of the slider has settled: a drag draws the instants it passes on its
     * way, and the one it was released at is the address's; the page is drawn for it last.
     */
    private String settledAsOf() {
        browser.waitUntil(() -> {
            String address = (String) browser.script(
                    "return new URLSearchParams(location.hash.split('?')[1] || '').get('asOf');");
            return address != null && address.equals(browser.page().getAttribute("data-as-of"));
        });
        return browser.page().getAttribute("data-as-of");
    }

    /**
     * The rows shown equal the answer's, read in one go (the page may be drawn again meanwhile): the first 200, or
     * all of them once every row was asked for.
     */
    private void assertRoadmapShows(JsonNode roadmap) {
        boolean everyRow = browser.driver.getCurrentUrl().contains("rows=all");
        List<String> answered = new ArrayList<>();
        for (JsonNode item : roadmap.get("items")) {
            if (!everyRow && answered.size() == 200) {
                break;
            }
            JsonNode score = item.get("rice").get("score");
            answered.add(item.get("initiativeId").asText() + " " + (item.get("rank").isNull() ? "–" : item.get("rank"))
                         + " " + (score == null || score.isNull() ? "unscored" : decimals(score, 2))
                         + " " + whole(item.get("allocatedPersonWeeks")));
        }
        try {
            browser.waitUntil(() -> shownRows().equals(answered));
        } catch (RuntimeException timedOut) {
            assertThat(shownRows()).isEqualTo(answered);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> shownRows() {
        return (List<String>) browser.script("""
                return [...document.querySelectorAll('#roadmap-table tbody tr')].map(row =>
                    [row.dataset.initiative, row.querySelector('.rank').textContent,
                     row.querySelector('.score').textContent, row.querySelector('.allocated').textContent].join(' '));""");
    }

    private List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("#roadmap-table tbody tr"));
    }

    private WebElement row(String initiativeId) {
        return browser.driver.findElement(By.cssSelector("tr[data-initiative='" + initiativeId + "']"));
    }

    /** A fraction of 1 as the dashboard shows it: a whole percentage, or a dash for none. */
    private static String percent(JsonNode fraction) {
        return fraction.isNull() ? "–"
                                 : fraction.decimalValue().movePointRight(2).setScale(0, RoundingMode.HALF_UP) + "%";
    }

    private static String whole(JsonNode number) {
        if (number == null || number.isNull()) {
            return "–";
        }
        return number.decimalValue().setScale(0, RoundingMode.HALF_UP).toPlainString();
    }

    private static String decimals(JsonNode number, int scale) {
        return new BigDecimal(number.asText()).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
