package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.planningengine.standalone.TestUsers;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's Evolution page in headless Chromium against the running engine, seeded with a cycle whose ranks,
 * capacities and key results move: each chart draws what the API answers as of the instants it shows (the ranks and
 * person-weeks of the roadmap and the capacity as of each, the check-ins of the OKR view), a click on a point shows
 * the decision that moved it, the timeline's filters and pages hold the decisions the log answers, and the page ends
 * at the slider's instant. Skipped where Chromium is not installed, as {@link DashboardBrowserTest} is; screenshots
 * go to {@code target/dashboard-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvolutionBrowserTest extends BrowserTestBase {

    private static final String CYCLE = "evo-c";
    private static final String RESCORED = "evo-search";
    private static final String RESCORE_REASON = "the prototype doubled the conversions";
    private static final String OVERRIDE_REASON = "the launch needs the whole team";
    private static final int TIMELINE_PAGE = 25;

    /** The instant the rescore was decided, and one just before it, where the page is opened "as of". */
    private static String rescoredAt;

    @Override
    Browser startBrowser() throws IOException {
        return Browser.start(port, new Dimension(1280, 900), Duration.ofSeconds(20));
    }

    /**
     * A cycle of two teams and eight initiatives scored by two people, one of them rescored to the top with a reason,
     * capacities set and lowered, allocations (one over the guardrail, overridden), commits, and a key result with
     * check-ins of rising confidence: more decisions than a page of the timeline.
     */
    @Override
    void seed() {
        api.write("/api/cycles", """
                {"id": "evo-c", "name": "Evolving semester", "startDate": "2032-01-01", "endDate": "2032-06-30"}""");
        api.write("/api/teams", "{\"id\": \"evo-web\", \"name\": \"Web\"}");
        api.write("/api/teams", "{\"id\": \"evo-data\", \"name\": \"Data\"}");
        String[][] initiatives = {
                {"evo-checkout", "evo-web", "Checkout in one step", "NEW_INITIATIVE", "4000", "2", "0.8", "8"},
                {"evo-search", "evo-data", "Search that understands", "NEW_INITIATIVE", "1000", "1", "0.5", "5"},
                {"evo-upgrade", "evo-web", "Framework upgrade", "KTLO", "500", "1", "1", "2"},
                {"evo-pipeline", "evo-data", "Faster pipeline", "TEAM_INITIATIVE", "200", "0.5", "0.8", "4"},
                {"evo-profile", "evo-web", "Profiles people fill", "NEW_INITIATIVE", "1500", "1", "0.8", "3"},
                {"evo-reports", "evo-data", "Reports by mail", "TEAM_INITIATIVE", "800", "1", "0.5", "2"},
                {"evo-logging", "evo-data", "Structured logging", "KTLO", "300", "1", "1", "3"},
                {"evo-dark", "evo-web", "A dark theme", "TEAM_INITIATIVE", "600", "0.5", "0.5", "1"}};
        int person = 0;
        for (String[] initiative : initiatives) {
            api.write("/api/initiatives", """
                    {"id": "%s", "cycleId": "evo-c", "teamId": "%s", "title": "%s", "category": "%s"}"""
                    .formatted(initiative[0], initiative[1], initiative[2], initiative[3]));
            api.as(person++ % 2 == 0 ? TestUsers.TESTER : "ana").write("/api/initiatives/" + initiative[0] + "/score", """
                    {"reach": %s, "impact": %s, "confidence": %s, "effort": %s, "reason": "first estimate"}"""
                    .formatted(initiative[4], initiative[5], initiative[6], initiative[7]));
        }
        for (String[] rescore : List.of(new String[]{"evo-upgrade", "700", "a second framework is out of support"},
                                        new String[]{"evo-dark", "200", "fewer asked for it than we thought"})) {
            api.as("ana").write("/api/initiatives/" + rescore[0] + "/score", """
                    {"reach": %s, "impact": 1, "confidence": 1, "effort": 2, "reason": "%s"}"""
                    .formatted(rescore[1], rescore[2]));
        }
        for (String team : List.of("evo-web", "evo-data")) {
            api.replace("/api/cycles/evo-c/teams/" + team + "/capacity", "{\"personWeeks\": 40}");
        }
        api.write("/api/cycles/evo-c/teams/evo-web/allocations",
                  "{\"initiativeId\": \"evo-upgrade\", \"personWeeks\": 6}");
        api.write("/api/cycles/evo-c/teams/evo-web/allocations", """
                {"initiativeId": "evo-checkout", "personWeeks": 30, "override": {"reason": "%s"}}"""
                .formatted(OVERRIDE_REASON));
        api.write("/api/cycles/evo-c/teams/evo-data/allocations",
                  "{\"initiativeId\": \"evo-search\", \"personWeeks\": 12}");
        api.write("/api/cycles/evo-c/teams/evo-data/allocations",
                  "{\"initiativeId\": \"evo-logging\", \"personWeeks\": 8}");
        api.replace("/api/cycles/evo-c/teams/evo-data/capacity", "{\"personWeeks\": 32}");
        api.write("/api/objectives", "{\"id\": \"evo-o\", \"cycleId\": \"evo-c\", \"title\": \"Buyers who finish\"}");
        api.write("/api/objectives/evo-o/key-results", """
                {"id": "evo-conversion", "title": "Conversion to 4%", "metric": "conversion", "unit": "%",
                 "baseline": 3, "target": 4}""");
        for (String[] checkIn : List.of(new String[]{"3.2", "0.4"}, new String[]{"3.5", "0.6"},
                                        new String[]{"3.4", "0.5"}, new String[]{"3.8", "0.8"})) {
            api.write("/api/objectives/evo-o/key-results/evo-conversion/check-ins",
                      "{\"value\": %s, \"confidence\": %s}".formatted(checkIn[0], checkIn[1]));
        }
        for (String[] rescore : List.of(new String[]{"evo-profile", "1500", "smaller than we feared"},
                                        new String[]{"evo-reports", "800", "the finance team asked for it"},
                                        new String[]{"evo-logging", "600", "every incident needs it"})) {
            api.write("/api/initiatives/" + rescore[0] + "/score", """
                    {"reach": %s, "impact": 1, "confidence": 0.8, "effort": 2, "reason": "%s"}"""
                    .formatted(rescore[1], rescore[2]));
        }
        api.write("/api/initiatives/evo-checkout/commit", "{\"reason\": \"the bet of the half\"}");
        api.write("/api/initiatives/evo-checkout/start", "{\"reason\": \"the team is free\"}");
        api.write("/api/initiatives/evo-upgrade/commit", "{\"reason\": \"out of support in March\"}");
        awaitViews(api.as("ana").write("/api/initiatives/" + RESCORED + "/score", """
                {"reach": 5000, "impact": 2, "confidence": 0.8, "effort": 5, "reason": "%s"}"""
                .formatted(RESCORE_REASON)));
        api.write("/api/initiatives/evo-pipeline/drop", "{\"reason\": \"the new warehouse makes it moot\"}");
        awaitViews(api.write("/api/cycles/evo-c/commit", "{\"reason\": \"planning week is over\"}"));
        rescoredAt = decisions("&type=InitiativeScored&size=1").get("decisions").get(0).get("at").asText();

        browser.signIn(browser.signInDialog(), TestUsers.TESTER);
        browser.waitUntil(() -> !browser.driver.findElement(By.id("sign-in")).isDisplayed());
    }

    @Test
    @Order(1)
    void theRankChartDrawsTheRoadmapsRanksAsOfEachInstantWhereOneCouldMove() {
        open("#/cycles/" + CYCLE + "/evolution");
        Ranks ranks = ranksShown();
        String end = api.get("/api/cycles/" + CYCLE + "/roadmap").body().get("asOf").asText();
        List<Long> moving = movingMilliseconds(decisions("&size=500").get("decisions"));
        if (moving.get(moving.size() - 1) >= millis(end)) {
            moving.remove(moving.size() - 1); // the end stands for it
        }
        assertThat(ranks.instants.subList(0, ranks.instants.size() - 1).stream().map(EvolutionBrowserTest::millis))
                .as("one instant per millisecond of a decision that can move a rank or a capacity, then the end")
                .containsExactlyElementsOf(moving);
        assertThat(ranks.instants.get(ranks.instants.size() - 1)).isEqualTo(end);
        assertThat(ranks.ids).as("every initiative ranked at some instant: fewer than the top 12")
                             .containsExactlyInAnyOrder("evo-checkout", "evo-search", "evo-upgrade", "evo-pipeline",
                                                        "evo-profile", "evo-reports", "evo-logging", "evo-dark");
        for (int at = 0; at < ranks.instants.size(); at++) {
            Map<String, Integer> answered = ranksAsOf(ranks.instants.get(at));
            for (int series = 0; series < ranks.ids.size(); series++) {
                assertThat(ranks.series.get(series).get(at))
                        .as("rank of %s as of %s", ranks.ids.get(series), ranks.instants.get(at))
                        .isEqualTo(answered.get(ranks.ids.get(series)));
            }
        }
        List<Integer> rescored = ranks.of(RESCORED);
        assertThat(rescored.get(rescored.size() - 1)).as("rescored to the top").isEqualTo(1);
        assertThat(rescored.get(ranks.instants.indexOf(rescoredAt) - 1)).isGreaterThan(1);
        assertThat(ranks.of("evo-pipeline").get(ranks.instants.size() - 1)).as("dropped: no rank").isNull();
        assertThat(browser.driver.findElements(By.cssSelector("#rank-table tbody tr"))).hasSize(ranks.instants.size());
        assertThat(browser.driver.findElement(By.cssSelector("#rank-table tr[data-at='" + rescoredAt
                                                             + "'] td[data-initiative='" + RESCORED + "']"))
                                 .getAttribute("textContent")).isEqualTo("1");
        browser.screenshot("evolution");
    }

    @Test
    @Order(2)
    void clickingAPointShowsTheDecisionThatMovedItAndLinksToItsHistory() {
        open("#/cycles/" + CYCLE + "/evolution");
        Ranks ranks = ranksShown();
        int at = ranks.instants.indexOf(rescoredAt);
        assertThat(at).isPositive();
        int series = ranks.ids.indexOf(RESCORED);
        WebElement move = browser.driver.findElement(By.id("rank-move"));
        try {
            browser.waitUntil(() -> {
                clickPoint(series, at);
                return move.getText().contains(RESCORE_REASON);
            });
        } catch (RuntimeException timedOut) {
            assertThat(move.getText()).as("after a click on %s at %s", RESCORED, rescoredAt).contains(RESCORE_REASON);
        }
        JsonNode rescore = decisions("&type=InitiativeScored&size=1").get("decisions").get(0);
        assertThat(move.getText()).contains("Search that understands: rank 1 (was " + ranks.of(RESCORED).get(at - 1) + ")")
                                  .contains("initiative scored").contains(rescore.get("actor").asText())
                                  .contains("ana");
        assertThat(move.findElements(By.cssSelector("li[data-decision]"))).extracting(li -> li.getAttribute("data-decision"))
                                                                         .containsExactly(rescore.get("id").asText());
        assertThat(move.findElement(By.cssSelector("a.history")).getAttribute("href"))
                .endsWith("#/history/initiative/" + RESCORED);
        browser.screenshot("evolution-point-clicked");

        // The same from the table, by keyboard: the rank of another initiative at its first instant.
        browser.driver.findElement(By.cssSelector("#rank-table")).findElement(By.xpath("./ancestor::details/summary"))
                      .click();
        WebElement first = browser.driver.findElement(By.cssSelector("#rank-table tbody tr:first-child "
                                                                     + "td[data-initiative='evo-checkout'] button"));
        first.sendKeys(" ");
        browser.waitUntil(() -> move.getText().startsWith("Checkout in one step: rank"));
        assertThat(move.getText()).contains("first estimate");
        move.findElement(By.cssSelector("a.history")).click();
        JsonNode history = api.get("/api/initiatives/evo-checkout/history").body();
        browser.waitUntil(() -> browser.driver.findElements(By.cssSelector("#history-table tbody tr")).size()
                                == history.get("events").size());
    }

    @Test
    @Order(3)
    void capacityOverTimeIsTheCapacityViewAsOfTheSameInstantsWithTheOverridesMarked() {
        open("#/cycles/" + CYCLE + "/evolution");
        List<String> instants = ranksShown().instants;
        assertCapacityShows(null, instants);
        assertThat(capacityChart("overrides")).as("the organisation's overrides: every team's").hasSize(
                decisions("&type=GuardrailOverridden").get("total").asInt());

        browser.retryingRedraws(() -> new Select(browser.driver.findElement(By.id("capacity-team")))
                .selectByValue("evo-web"));
        browser.waitUntil(() -> browser.driver.getCurrentUrl().contains("team=evo-web"));
        assertCapacityShows("evo-web", instants);
        assertThat(capacityChart("overrides")).hasSize(1);
        assertThat(browser.driver.findElement(By.id("capacity-overrides")).getText()).contains(OVERRIDE_REASON);

        browser.retryingRedraws(() -> new Select(browser.driver.findElement(By.id("capacity-team")))
                .selectByValue("evo-data"));
        assertCapacityShows("evo-data", instants);
        assertThat(capacityChart("overrides")).isEmpty();
        List<Object> capacities = capacityChart("capacity");
        assertThat(capacities.get(capacities.size() - 1)).as("lowered at the end").isEqualTo(32L);
        browser.screenshot("evolution-capacity-of-a-team");
    }

    @Test
    @Order(4)
    void keyResultsAreDrawnByTheirCheckInsAgainstTheirTargets() {
        open("#/cycles/" + CYCLE + "/evolution");
        JsonNode keyResult = api.get("/api/cycles/" + CYCLE + "/okrs").body().get("objectives").get(0)
                                .get("keyResults").get(0);
        WebElement figure = browser.waitFor(By.cssSelector("figure[data-key-result='evo-conversion']"));
        browser.waitUntil(() -> figure.findElement(By.cssSelector(".chart")).getAttribute("data-drawn") != null);
        @SuppressWarnings("unchecked")
        List<List<Object>> data = (List<List<Object>>) browser.script(
                "return arguments[0].querySelector('.chart').data;", figure);
        List<Double> values = new ArrayList<>();
        List<Double> measured = new ArrayList<>();
        for (JsonNode checkIn : keyResult.get("confidenceTrend")) {
            values.add(checkIn.get("value").asDouble());
            measured.add(millis(checkIn.get("measuredAt").asText()) / 1000.0);
        }
        assertThat(values).hasSize(4);
        assertThat(doubles(data.get(1)).subList(0, 4)).isEqualTo(values);
        assertThat(doubles(data.get(0)).subList(0, 4)).isEqualTo(measured);
        assertThat(doubles(data.get(2))).as("the target").containsOnly(keyResult.get("target").asDouble());
        assertThat(figure.findElements(By.cssSelector(".check-ins .confidence")))
                .extracting(cell -> cell.getAttribute("textContent")).containsExactly("40%", "60%", "50%", "80%");
    }

    @Test
    @Order(5)
    void theTimelineFiltersAndPagesTheDecisionsTheLogAnswers() {
        open("#/cycles/" + CYCLE + "/evolution");
        JsonNode all = decisions("&size=" + TIMELINE_PAGE);
        int total = all.get("total").asInt();
        assertThat(total).as("more than a page").isGreaterThan(TIMELINE_PAGE);
        browser.waitUntil(() -> timelineIds().equals(ids(all)));
        assertThat(browser.textAt("#timeline-status")).startsWith("Decisions 1–" + TIMELINE_PAGE + " of " + total);
        assertThat(browser.driver.findElement(By.id("timeline-newer")).isEnabled()).isFalse();

        browser.driver.findElement(By.id("timeline-older")).click();
        JsonNode second = decisions("&size=" + TIMELINE_PAGE + "&page=1");
        browser.waitUntil(() -> timelineIds().equals(ids(second)));
        assertThat(browser.driver.getCurrentUrl()).contains("logPage=1");

        new Select(browser.driver.findElement(By.name("logActor"))).selectByValue(TestUsers.TESTER);
        JsonNode byTester = decisions("&actor=" + TestUsers.TESTER + "&size=" + TIMELINE_PAGE);
        int ofTester = byTester.get("total").asInt();
        assertThat(ofTester).isBetween(1, TIMELINE_PAGE);
        browser.waitUntil(() -> timelineIds().equals(ids(byTester)));
        assertThat(browser.textAt("#timeline-status")).as("back to the first page")
                                                      .startsWith("Decisions 1–" + ofTester + " of " + ofTester
                                                                  + " (of " + total + " in all)");

        new Select(browser.driver.findElement(By.name("logType"))).selectByValue("InitiativeScored");
        JsonNode scoresByTester = decisions("&actor=" + TestUsers.TESTER + "&type=InitiativeScored&size="
                                            + TIMELINE_PAGE);
        browser.waitUntil(() -> timelineIds().equals(ids(scoresByTester)));
        assertThat(scoresByTester.get("total").asInt()).isBetween(1, ofTester - 1);

        new Select(browser.driver.findElement(By.name("logActor"))).selectByValue("");
        new Select(browser.driver.findElement(By.name("logType"))).selectByValue("");
        new Select(browser.driver.findElement(By.name("logTeam"))).selectByValue("evo-data");
        List<String> ofData = new ArrayList<>();
        Set<String> dataInitiatives = Set.of("evo-search", "evo-pipeline", "evo-reports", "evo-logging");
        for (JsonNode decision : decisions("&size=500").get("decisions")) {
            JsonNode values = decision.get("values");
            String team = values != null && values.hasNonNull("teamId") ? values.get("teamId").asText() : null;
            if ("evo-data".equals(team) || dataInitiatives.contains(decision.get("subjectId").asText())
                || "evo-data".equals(decision.get("subjectId").asText())) {
                ofData.add(decision.get("id").asText());
            }
        }
        assertThat(ofData.size()).isBetween(2, TIMELINE_PAGE);
        browser.waitUntil(() -> timelineIds().equals(ofData));

        new Select(browser.driver.findElement(By.name("logTeam"))).selectByValue("");
        WebElement text = browser.driver.findElement(By.name("logText"));
        text.sendKeys("PROTOTYPE");
        browser.waitUntil(() -> timelineIds().size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#decision-timeline li")).getText())
                .contains(RESCORE_REASON);
        assertThat(browser.driver.findElement(By.cssSelector("#decision-timeline li a")).getAttribute("href"))
                .endsWith("#/history/initiative/" + RESCORED);
        browser.screenshot("evolution-timeline-filtered");
    }

    @Test
    @Order(6)
    void asOfAnInstantTheChartsAndTheTimelineEndThere() {
        JsonNode before = decisions("&to=" + rescoredAt + "&size=2").get("decisions");
        String asOf = before.get(1).get("at").asText();
        assertThat(Instant.parse(asOf)).isBefore(Instant.parse(rescoredAt));
        open("#/cycles/" + CYCLE + "/evolution?asOf=" + asOf);
        Ranks ranks = ranksShown();
        assertThat(ranks.instants.get(ranks.instants.size() - 1)).isEqualTo(asOf);
        assertThat(ranks.instants).allMatch(at -> !Instant.parse(at).isAfter(Instant.parse(asOf)));
        Map<String, Integer> then = ranksAsOf(asOf);
        for (int series = 0; series < ranks.ids.size(); series++) {
            List<Integer> ofOne = ranks.series.get(series);
            assertThat(ofOne.get(ofOne.size() - 1)).isEqualTo(then.get(ranks.ids.get(series)));
        }
        assertThat(ranks.of(RESCORED).get(ranks.instants.size() - 1)).as("not yet rescored").isGreaterThan(1);
        int total = decisions("&to=" + asOf).get("total").asInt();
        browser.waitUntil(() -> browser.textAt("#timeline-status").contains(" of " + total + ","));
    }

    /**
     * A cycle of more decisions than a page of the log holds (500) and than the charts draw instants (60): the page
     * reads every page of the log, and draws the ranks as of 60 instants at most, sampled from those of the
     * decisions, the first and the last kept, each as the roadmap answers it then.
     */
    @Test
    @Order(7)
    void manyDecisionsAreReadInFullAndDrawnAtSampledInstants() {
        api.write("/api/cycles", """
                {"id": "evo-many", "name": "Many decisions", "startDate": "2032-07-01", "endDate": "2032-12-31"}""");
        List<String> ids = List.of("evo-many-a", "evo-many-b", "evo-many-c");
        for (String id : ids) {
            api.write("/api/initiatives", """
                    {"id": "%s", "cycleId": "evo-many", "teamId": "evo-web", "title": "Option %s", "category": "KTLO"}"""
                    .formatted(id, id.substring(id.length() - 1)));
        }
        HttpApi.Response last = null;
        for (int score = 0; score < 520; score++) {
            last = api.write("/api/initiatives/" + ids.get(score % 3) + "/score", """
                    {"reach": %d, "impact": 1, "confidence": 1, "effort": 1, "reason": "estimate %d"}"""
                    .formatted(100 + (score * 37) % 101, score));
        }
        awaitViews(last);
        int total = api.get("/api/decisions?cycle=evo-many&size=1").body().get("total").asInt();
        assertThat(total).isEqualTo(520);

        open("#/cycles/evo-many/evolution");
        Ranks ranks = ranksShown();
        List<Long> moving = new ArrayList<>();
        for (int page = 0; page * 500 < total; page++) {
            moving.addAll(0, movingMilliseconds(api.get("/api/decisions?cycle=evo-many&size=500&page=" + page).body()
                                                   .get("decisions")));
        }
        assertThat(ranks.instants).hasSizeBetween(59, 60);
        assertThat(millis(ranks.instants.get(0))).as("the first decision's instant").isEqualTo(moving.get(0));
        assertThat(millis(ranks.instants.get(ranks.instants.size() - 1))).as("the end, at or after the last decision")
                                                                          .isGreaterThanOrEqualTo(moving.get(moving.size() - 1));
        assertThat(ranks.instants.subList(0, ranks.instants.size() - 1).stream().map(EvolutionBrowserTest::millis))
                .isSorted().allMatch(moving::contains);
        for (int at = 0; at < ranks.instants.size(); at++) {
            Map<String, Integer> answered = ranksAsOf("evo-many", ranks.instants.get(at));
            Map<String, Integer> drawn = new LinkedHashMap<>();
            for (String id : ranks.ids) {
                drawn.put(id, ranks.of(id).get(at));
            }
            assertThat(drawn).as("ranks as of instant %d, %s", at, ranks.instants.get(at))
                             .containsExactlyInAnyOrderEntriesOf(answered);
        }
        assertThat(ranks.ids).containsExactlyInAnyOrderElementsOf(ids);
        browser.waitUntil(() -> browser.textAt("#timeline-status").equals("Decisions 1–25 of " + total
                                                                          + ", newest first; page 1 of "
                                                                          + (total + 24) / 25 + "."));
    }

    /** The instants, the initiatives and their ranks the rank chart draws, read in one go once it is drawn. */
    private Ranks ranksShown() {
        browser.waitUntil(() -> "true".equals(browser.driver.findElement(By.id("rank-chart"))
                                                            .getAttribute("data-drawn")));
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) browser.script("""
                const chart = document.getElementById('rank-chart');
                return { ids: chart.ids, data: chart.chart.data.slice(1),
                         instants: [...document.querySelectorAll('#rank-table tbody tr')].map(row => row.dataset.at) };""");
        @SuppressWarnings("unchecked")
        List<List<Object>> data = (List<List<Object>>) shown.get("data");
        List<List<Integer>> series = data.stream().map(values -> values.stream()
                .map(value -> value == null ? null : ((Number) value).intValue()).toList()).toList();
        @SuppressWarnings("unchecked")
        Ranks ranks = new Ranks((List<String>) shown.get("ids"), (List<String>) shown.get("instants"), series);
        return ranks;
    }

    private record Ranks(List<String> ids, List<String> instants, List<List<Integer>> series) {

        List<Integer> of(String id) {
            return series.get(ids.indexOf(id));
        }
    }

    /** The rank of each initiative of the roadmap as of the instant (null for one dropped). */
    private Map<String, Integer> ranksAsOf(String instant) {
        return ranksAsOf(CYCLE, instant);
    }

    private Map<String, Integer> ranksAsOf(String cycle, String instant) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        HttpApi.Response roadmap = api.get("/api/cycles/" + cycle + "/roadmap?asOf=" + instant);
        assertThat(roadmap.status()).as(roadmap.raw()).isEqualTo(200);
        for (JsonNode item : roadmap.body().get("items")) {
            ranks.put(item.get("initiativeId").asText(), item.get("rank").isNull() ? null : item.get("rank").asInt());
        }
        return ranks;
    }

    /** The milliseconds of the decisions (newest first) of the types that can move a rank or a capacity, in order. */
    private static List<Long> movingMilliseconds(JsonNode newestFirst) {
        Set<String> capacity = Set.of("TeamCapacitySet", "CapacityAllocated", "TeamPolicyOverridden",
                                      "CapacityPolicyChanged", "GuardrailOverridden");
        List<Long> moments = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int index = newestFirst.size() - 1; index >= 0; index--) {
            String type = newestFirst.get(index).get("type").asText();
            long at = millis(newestFirst.get(index).get("at").asText());
            if ((type.startsWith("Initiative") || capacity.contains(type)) && seen.add(at)) {
                moments.add(at);
            }
        }
        return moments;
    }

    /** The capacity chart shows, per instant, the capacity and each bucket's person-weeks the view answers then. */
    private void assertCapacityShows(String team, List<String> instants) {
        browser.waitUntil(() -> Objects.equals(team, browser.script("""
                const chart = document.getElementById('capacity-chart');
                return chart && chart.dataset.drawn ? (document.getElementById('capacity-team').value || null) : 'none';""")));
        List<Object> buckets = capacityChart("buckets");
        List<Object> capacity = capacityChart("capacity");
        @SuppressWarnings("unchecked")
        List<List<Object>> allocated = (List<List<Object>>) browser.script(
                "return document.getElementById('capacity-chart').allocated;");
        assertThat(capacity).hasSize(instants.size());
        for (int at = 0; at < instants.size(); at++) {
            JsonNode view = api.get("/api/cycles/" + CYCLE + "/capacity?asOf=" + instants.get(at)).body();
            JsonNode plan = null;
            if (team == null) {
                plan = view.get("organisation");
            } else {
                for (JsonNode candidate : view.get("teams")) {
                    if (candidate.get("teamId").asText().equals(team)) {
                        plan = candidate;
                    }
                }
            }
            if (plan == null) {
                assertThat(capacity.get(at)).as("no plan of %s as of %s", team, instants.get(at)).isNull();
                continue;
            }
            assertThat(number(capacity.get(at))).as("capacity as of %s", instants.get(at))
                                                .isEqualByComparingTo(plan.get("capacityPersonWeeks").decimalValue());
            for (JsonNode bucket : plan.get("buckets")) {
                int index = buckets.indexOf(bucket.get("name").asText());
                assertThat(index).isNotNegative();
                assertThat(number(allocated.get(index).get(at)))
                        .as("%s as of %s", bucket.get("name").asText(), instants.get(at))
                        .isEqualByComparingTo(bucket.get("allocatedPersonWeeks").decimalValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> capacityChart(String property) {
        return (List<Object>) browser.script("return document.getElementById('capacity-chart')[arguments[0]];",
                                             property);
    }

    /** Moves to the point of the series at the instant, where the chart draws it, and clicks it. */
    private void clickPoint(int series, int at) {
        WebElement over = browser.driver.findElement(By.cssSelector("#rank-chart .u-over"));
        @SuppressWarnings("unchecked")
        List<Number> position = (List<Number>) browser.script("""
                const u = document.getElementById('rank-chart').chart;
                return [u.valToPos(u.data[0][arguments[1]], 'x'), u.valToPos(u.data[arguments[0] + 1][arguments[1]], 'y')];""",
                                                      series, at);
        int x = (int) Math.round(position.get(0).doubleValue() - over.getSize().getWidth() / 2.0);
        int y = (int) Math.round(position.get(1).doubleValue() - over.getSize().getHeight() / 2.0);
        new Actions(browser.driver).moveToElement(over, x, y).pause(Duration.ofMillis(50)).click().perform();
    }

    private List<String> timelineIds() {
        return browser.driver.findElements(By.cssSelector("#decision-timeline li")).stream()
                             .map(li -> li.getAttribute("data-decision")).toList();
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("decisions").forEach(decision -> ids.add(decision.get("id").asText()));
        return ids;
    }

    private JsonNode decisions(String filters) {
        HttpApi.Response answer = api.get("/api/decisions?cycle=" + CYCLE + filters);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    /** An instant of the API in milliseconds, as the dashboard reads it (JavaScript dates have no more). */
    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static BigDecimal number(Object value) {
        return new BigDecimal(String.valueOf(value)).setScale(6, RoundingMode.HALF_UP);
    }

    private static List<Double> doubles(List<Object> values) {
        return values.stream().map(value -> value == null ? null : ((Number) value).doubleValue()).toList();
    }

    /**
     * Loads the dashboard afresh at the address (going to the same address again would not draw it again) and waits
     * until the page is drawn. The tab keeps its sign-in (session storage) across loads.
     */
    private void open(String hash) {
        browser.driver.get("about:blank");
        browser.driver.get(browser.address(hash));
        browser.waitUntil(() -> browser.page().getAttribute("data-rendered") != null);
    }
}
