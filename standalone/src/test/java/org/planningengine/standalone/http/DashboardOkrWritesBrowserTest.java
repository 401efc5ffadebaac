package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OKRs from the dashboard, in headless Chromium against the running engine: objectives set and key results added,
 * check-ins in a key result's row, reviews, grades, carry-forwards and lessons, each as the signed-in user through
 * its form; a refused check-in shows the engine's words beside the field, keeps what was typed and appends nothing,
 * and one sent after someone else's is refused for the version it was decided on; each role is offered only the
 * writes it may make.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardOkrWritesBrowserTest extends BrowserTestBase {

    private static final String CYCLE = "dok-c";
    private static final String CHECK_IN = "check-in-dok-o-dok-kr";

    @Override
    void seed() {
        api.write("/api/cycles", """
                {"id": "dok-c", "name": "OKR semester", "startDate": "2034-01-01", "endDate": "2034-06-30"}""");
        api.write("/api/cycles", """
                {"id": "dok-next", "name": "OKR semester after", "startDate": "2034-07-01", "endDate": "2034-12-31"}""");
        api.write("/api/teams", "{\"id\": \"dok-web\", \"name\": \"Web shop\"}");
        api.write("/api/objectives", """
                {"id": "dok-o2", "cycleId": "dok-c", "ownerTeamId": "dok-web", "title": "Pages that load fast"}""");
        api.write("/api/objectives/dok-o2/key-results", """
                {"id": "dok-kr2", "title": "Load in a second", "metric": "load time", "unit": "s", "baseline": 3,
                 "target": 1}""");
        api.write("/api/cycles/dok-c/commit", "{\"reason\": \"planned\"}");
    }

    @Test
    @Order(1)
    void aPlannerSetsAnObjectiveAndAddsAKeyResultThroughTheForms() {
        browser.openAs("planner", "#/cycles/" + CYCLE + "/okrs");
        browser.retryingRedraws(() -> browser.driver.findElement(By.id("open-set-objective")).click());
        browser.type("set-objective-title", "Checkout people finish");
        new Select(browser.field("set-objective-ownerTeamId")).selectByValue("dok-web");
        new Select(browser.field("set-objective-parentObjectiveId")).selectByValue("");
        browser.type("set-objective-id", "dok-o");
        browser.submit("set-objective");
        browser.waitFor(By.cssSelector("[data-objective='dok-o']"));
        JsonNode set = inTheCyclesOkrs("dok-o");
        assertThat(set.get("title").asText()).isEqualTo("Checkout people finish");
        assertThat(set.get("ownerTeamId").asText()).isEqualTo("dok-web");
        assertThat(set.get("parentObjectiveId").isNull()).isTrue();
        assertThat(api.get("/api/objectives/dok-o/history").body().get("events").get(0).get("actor").asText())
                .isEqualTo("planner");

        browser.retryingRedraws(() -> objectiveAction("dok-o", "key-result").click());
        browser.type("key-result-dok-o-title", "Conversion to 60%");
        browser.type("key-result-dok-o-metric", "conversion");
        browser.type("key-result-dok-o-unit", "%");
        browser.type("key-result-dok-o-baseline", "40");
        browser.type("key-result-dok-o-target", "60");
        browser.type("key-result-dok-o-id", "dok-kr");
        browser.submit("key-result-dok-o");
        browser.waitFor(By.cssSelector("[data-objective='dok-o'] tr[data-key-result='dok-kr']"));
        JsonNode keyResult = inTheCyclesOkrs("dok-o").get("keyResults").get(0);
        assertThat(keyResult.get("keyResultId").asText()).isEqualTo("dok-kr");
        assertThat(keyResult.get("title").asText()).isEqualTo("Conversion to 60%");
        assertThat(keyResult.get("metric").asText()).isEqualTo("conversion");
        assertThat(keyResult.get("unit").asText()).isEqualTo("%");
        assertThat(keyResult.get("baseline").decimalValue()).isEqualByComparingTo("40");
        assertThat(keyResult.get("target").decimalValue()).isEqualByComparingTo("60");
        assertThat(keyResult.get("direction").asText()).isEqualTo("INCREASE");
    }

    @Test
    @Order(2)
    void aContributorChecksInFromTheKeyResultsRow() {
        browser.openAs("contributor", "#/cycles/" + CYCLE + "/okrs");
        browser.retryingRedraws(() -> checkIn("dok-kr").click());
        browser.type(CHECK_IN + "-value", "48");
        browser.type(CHECK_IN + "-confidence", "0.7");
        browser.type(CHECK_IN + "-comment", "the first week");
        browser.submit(CHECK_IN);
        browser.waitUntil(() -> browser.driver.findElement(
                By.cssSelector("tr[data-key-result='dok-kr'] .current")).getText().equals("48"));
        JsonNode keyResult = keyResult("dok-o", "dok-kr");
        assertThat(keyResult.get("current").decimalValue()).isEqualByComparingTo("48");
        assertThat(keyResult.get("confidence").decimalValue()).isEqualByComparingTo("0.7");
        JsonNode checkIn = keyResult.get("confidenceTrend").get(keyResult.get("confidenceTrend").size() - 1);
        assertThat(checkIn.get("actor").asText()).isEqualTo("contributor");
        assertThat(checkIn.get("comment").asText()).isEqualTo("the first week");
        assertThat(browser.driver.findElements(By.id(CHECK_IN))).as("closed once appended").isEmpty();
        browser.screenshot("okr-writes-check-in");
    }

    @Test
    @Order(3)
    void aRefusedCheckInShowsTheEnginesWordsBesideItsFieldAndKeepsWhatWasTyped() {
        browser.openAs("contributor", "#/cycles/" + CYCLE + "/okrs");
        browser.retryingRedraws(() -> checkIn("dok-kr").click());
        assertThat(browser.field(CHECK_IN + "-value").getAttribute("value")).as("the current value, to change")
                                                                            .isEqualTo("48");
        browser.field(CHECK_IN + "-value").clear();
        browser.type(CHECK_IN + "-value", "50");
        browser.field(CHECK_IN + "-confidence").clear();
        browser.type(CHECK_IN + "-confidence", "1.5");
        int checkIns = keyResult("dok-o", "dok-kr").get("confidenceTrend").size();
        long taken = positionsTaken();
        browser.submit(CHECK_IN);
        JsonNode refusal = api.post("/api/objectives/dok-o/key-results/dok-kr/check-ins",
                                    "{\"value\": 50, \"confidence\": 1.5}").body();
        JsonNode error = StreamSupport.stream(refusal.get("errors").spliterator(), false)
                                      .filter(candidate -> candidate.get("field").asText().equals("confidence"))
                                      .findFirst().orElseThrow();
        browser.waitUntil(() -> browser.text(CHECK_IN + "-confidence-error").equals(error.get("message").asText()));
        assertThat(browser.field(CHECK_IN + "-confidence").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.field(CHECK_IN + "-value").getAttribute("value")).as("what was typed stays").isEqualTo("50");
        assertThat(browser.field(CHECK_IN + "-confidence").getAttribute("value")).isEqualTo("1.5");
        assertThat(positionsTaken()).as("nothing appended").isEqualTo(taken);
        assertThat(keyResult("dok-o", "dok-kr").get("confidenceTrend").size()).isEqualTo(checkIns);
        browser.screenshot("okr-writes-refused-check-in");

        // Someone else checks in while the form is open: sent on the version read when it opened, it is refused.
        api.write("/api/objectives/dok-o/key-results/dok-kr/check-ins", "{\"value\": 49, \"confidence\": 0.6}");
        browser.field(CHECK_IN + "-confidence").clear();
        browser.type(CHECK_IN + "-confidence", "0.8");
        browser.submit(CHECK_IN);
        browser.waitUntil(() -> browser.driver.findElement(By.cssSelector("[id='" + CHECK_IN + "'] .form-problem"))
                                              .getText().startsWith("Someone changed this since you opened it"));
        assertThat(browser.field(CHECK_IN + "-value").getAttribute("value")).isEqualTo("50");
        JsonNode keyResult = keyResult("dok-o", "dok-kr");
        assertThat(keyResult.get("confidenceTrend").size()).as("only the other's").isEqualTo(checkIns + 1);
        assertThat(keyResult.get("current").decimalValue()).isEqualByComparingTo("49");
    }

    @Test
    @Order(4)
    void aPlannerReviewsAndGradesAnObjective() {
        browser.openAs("planner", "#/cycles/" + CYCLE + "/okrs");
        browser.retryingRedraws(() -> objectiveAction("dok-o2", "review").click());
        assertThat(browser.field("review-dok-o2-changes.title").isDisplayed()).as("asked for by an adjustment only")
                                                                               .isFalse();
        new Select(browser.field("review-dok-o2-outcome")).selectByValue("ADJUST");
        browser.waitUntil(() -> browser.field("review-dok-o2-changes.title").isDisplayed());
        browser.field("review-dok-o2-changes.title").clear();
        browser.type("review-dok-o2-changes.title", "Pages that load at once");
        browser.type("review-dok-o2-reason", "a second is not fast enough");
        browser.submit("review-dok-o2");
        browser.waitUntil(() -> objective("dok-o2").get("title").asText().equals("Pages that load at once"));
        JsonNode review = objective("dok-o2").get("reviews").get(0);
        assertThat(review.get("outcome").asText()).isEqualTo("ADJUST");
        assertThat(review.get("reason").asText()).isEqualTo("a second is not fast enough");
        assertThat(review.get("actor").asText()).isEqualTo("planner");
        assertThat(review.get("changes").toString()).contains("title", "Pages that load at once");

        browser.retryingRedraws(() -> objectiveAction("dok-o2", "grade").click());
        browser.type("grade-dok-o2-grades.dok-kr2", "0.6");
        browser.type("grade-dok-o2-reason", "the half is over");
        browser.submit("grade-dok-o2");
        browser.waitUntil(() -> objective("dok-o2").get("status").asText().equals("GRADED"));
        JsonNode graded = objective("dok-o2");
        assertThat(graded.get("grade").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(graded.get("keyResults").get(0).get("grade").decimalValue()).isEqualByComparingTo("0.6");
        browser.waitFor(By.cssSelector("[data-objective='dok-o2'] .grade"));
        assertThat(objectiveActions("dok-o2")).as("a graded objective takes no review nor grade")
                                              .doesNotContain("review", "grade", "key-result");
        browser.screenshot("okr-writes-graded");
    }

    @Test
    @Order(5)
    void eachRoleIsOfferedOnlyTheOkrWritesItMay() {
        browser.openAs("viewer", "#/cycles/" + CYCLE + "/okrs");
        browser.waitFor(By.cssSelector("tr[data-key-result='dok-kr']"));
        assertThat(browser.driver.findElements(By.cssSelector("#open-set-objective, [data-action], td.actions")))
                .isEmpty();

        browser.openAs("contributor", "#/cycles/" + CYCLE + "/okrs");
        browser.waitFor(By.cssSelector("tr[data-key-result='dok-kr'] [data-action='check-in']"));
        assertThat(browser.driver.findElements(By.cssSelector("[data-action]")).stream()
                              .map(button -> button.getAttribute("data-action")).distinct().toList())
                .as("check-ins, but no review, grade, key result or objective").containsExactly("check-in");
        assertThat(browser.driver.findElements(By.cssSelector("#open-set-objective, .objective-actions"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("tr[data-key-result='dok-kr2'] [data-action]")))
                .as("a graded objective takes no check-in").isEmpty();

        browser.openAs("lead", "#/cycles/" + CYCLE + "/okrs");  // the lead of acl-team, not of dok-web
        browser.waitFor(By.cssSelector("tr[data-key-result='dok-kr'] [data-action='check-in']"));
        assertThat(browser.driver.findElements(By.id("open-set-objective"))).as("for acl-team").hasSize(1);
        assertThat(objectiveActions("dok-o")).isEmpty();

        browser.openAs("planner", "#/cycles/" + CYCLE + "/okrs");
        browser.waitFor(By.cssSelector("tr[data-key-result='dok-kr'] [data-action='check-in']"));
        assertThat(objectiveActions("dok-o")).contains("key-result", "review", "grade", "carry-forward");
    }

    @Test
    @Order(6)
    void aPlannerCarriesAnObjectiveForwardWithTheKeyResultsTicked() {
        browser.openAs("planner", "#/cycles/" + CYCLE + "/okrs");
        browser.retryingRedraws(() -> objectiveAction("dok-o", "carry-forward").click());
        new Select(browser.field("carry-forward-dok-o-toCycleId")).selectByValue("dok-next");
        assertThat(browser.field("carry-forward-dok-o-keyResultIds.dok-kr").isSelected()).as("short of its target")
                                                                                          .isTrue();
        browser.type("carry-forward-dok-o-reason", "conversion takes longer");
        browser.type("carry-forward-dok-o-newObjectiveId", "dok-o-next");
        browser.submit("carry-forward-dok-o");
        browser.waitUntil(() -> objective("dok-o").get("successorObjectiveId").asText().equals("dok-o-next"));
        JsonNode successor = objective("dok-o-next");
        assertThat(successor.get("cycleId").asText()).isEqualTo("dok-next");
        assertThat(successor.get("predecessorObjectiveId").asText()).isEqualTo("dok-o");
        assertThat(successor.get("keyResults").get(0).get("keyResultId").asText()).isEqualTo("dok-kr");
        browser.waitUntil(() -> objectiveActions("dok-o").stream().noneMatch("carry-forward"::equals));
    }

    @Test
    @Order(7)
    void aContributorRecordsALessonOnTheRetrospective() {
        browser.openAs("contributor", "#/cycles/" + CYCLE + "/retrospective");
        browser.retryingRedraws(() -> browser.driver.findElement(By.id("open-lesson")).click());
        browser.type("lesson-text", "Measure the baseline before the cycle starts.");
        browser.type("lesson-tags", "okrs, baselines");
        new Select(browser.field("lesson-subjectId")).selectByValue("dok-o");
        browser.submit("lesson");
        browser.waitUntil(() -> api.get("/api/cycles/" + CYCLE + "/retrospective").body().get("lessons").size() == 1);
        JsonNode lesson = api.get("/api/cycles/" + CYCLE + "/retrospective").body().get("lessons").get(0);
        assertThat(lesson.get("text").asText()).isEqualTo("Measure the baseline before the cycle starts.");
        assertThat(lesson.get("actor").asText()).isEqualTo("contributor");
        assertThat(lesson.get("subjectId").asText()).isEqualTo("dok-o");
        assertThat(StreamSupport.stream(lesson.get("tags").spliterator(), false).map(JsonNode::asText).toList())
                .isEqualTo(List.of("okrs", "baselines"));
        browser.waitUntil(() -> browser.driver.findElement(By.cssSelector(".retrospective")).getText()
                                              .contains("Measure the baseline before the cycle starts."));
    }

    @Test
    @Order(8)
    void aPlannerImportsObjectivesAndKeyResultsFromAFileAfterItsDryRun() throws IOException {
        browser.openAs("planner", "#/cycles/" + CYCLE + "/okrs");
        browser.retryingRedraws(() -> browser.driver.findElement(By.id("open-okr-import")).click());
        Path file = Files.writeString(Files.createTempFile("okrs", ".csv"), """
                objective,team,key result,metric,unit,baseline,target
                Checkout people finish,dok-web,Conversion to 4%,conversion,%,3,4
                """);
        long taken = positionsTaken();
        browser.waitFor(By.id("okr-imports-file")).sendKeys(file.toString());
        browser.waitUntil(() -> browser.textAt(".import-summary")
                                       .equals("1 rows: would append 1 ObjectiveSet, 1 KeyResultAdded."));
        assertThat(positionsTaken()).as("a dry run appends nothing").isEqualTo(taken);
        browser.driver.findElement(By.id("okr-imports-run")).click();
        browser.waitUntil(() -> "DONE".equals(browser.driver.findElement(By.cssSelector(".import-answer"))
                                                            .getAttribute("data-done")));
        browser.waitUntil(() -> StreamSupport.stream(api.get("/api/cycles/" + CYCLE + "/okrs").body().get("objectives")
                                                        .spliterator(), false)
                                             .anyMatch(objective -> objective.get("title").asText()
                                                                             .equals("Checkout people finish")));
    }

    private WebElement checkIn(String keyResultId) {
        return browser.waitFor(By.cssSelector("tr[data-key-result='" + keyResultId + "'] [data-action='check-in']"));
    }

    private WebElement objectiveAction(String objectiveId, String action) {
        return browser.waitFor(By.cssSelector("[data-actions-of='" + objectiveId + "'] [data-action='" + action + "']"));
    }

    private List<String> objectiveActions(String objectiveId) {
        return browser.driver.findElements(By.cssSelector("[data-actions-of='" + objectiveId + "'] > button"))
                             .stream().map(button -> button.getAttribute("data-action")).toList();
    }

    /** The objective as GET /api/cycles/{id}/okrs lists it. */
    private JsonNode inTheCyclesOkrs(String objectiveId) {
        return StreamSupport.stream(api.get("/api/cycles/" + CYCLE + "/okrs").body().get("objectives").spliterator(),
                                    false)
                            .filter(objective -> objective.get("objectiveId").asText().equals(objectiveId))
                            .findFirst().orElseThrow();
    }

    private JsonNode objective(String objectiveId) {
        return api.get("/api/objectives/" + objectiveId).body();
    }

    private JsonNode keyResult(String objectiveId, String keyResultId) {
        return StreamSupport.stream(objective(objectiveId).get("keyResults").spliterator(), false)
                            .filter(keyResult -> keyResult.get("keyResultId").asText().equals(keyResultId))
                            .findFirst().orElseThrow();
    }
}
