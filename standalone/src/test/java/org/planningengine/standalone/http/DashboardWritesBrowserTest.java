package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Planning from the dashboard, in headless Chromium against the running engine: each write is made as the signed-in
 * user through its form, refusals are shown beside the field they name with what was typed kept, a retry after a
 * lost answer appends once, a change by someone else since the form opened is refused, the override reason is asked
 * for exactly when the engine wants one, and each role is offered only the writes it may make.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardWritesBrowserTest extends BrowserTestBase {

    private static final String CYCLE = "dw-c";

    @Override
    void seed() {
        api.write("/api/cycles", """
                {"id": "dw-c", "name": "Writes semester", "startDate": "2033-01-01", "endDate": "2033-06-30"}""");
        api.write("/api/teams", "{\"id\": \"dw-web\", \"name\": \"Web\"}");
        api.write("/api/teams", "{\"id\": \"dw-data\", \"name\": \"Data\"}");
        for (String[] initiative : new String[][]{{"dw-a", "dw-web", "Checkout in one step", "NEW_INITIATIVE", "4000"},
                                                  {"dw-b", "dw-web", "Framework upgrade", "KTLO", "500"}}) {
            api.write("/api/initiatives", """
                    {"id": "%s", "cycleId": "dw-c", "teamId": "%s", "title": "%s", "category": "%s"}"""
                    .formatted(initiative[0], initiative[1], initiative[2], initiative[3]));
            api.write("/api/initiatives/" + initiative[0] + "/score", """
                    {"reach": %s, "impact": 1, "confidence": 1, "effort": 2, "reason": "first estimate"}"""
                    .formatted(initiative[4]));
        }
        api.replace("/api/cycles/dw-c/teams/dw-web/capacity", "{\"personWeeks\": 40}");
    }

    @Test
    @Order(1)
    void aPlannerProposesAndScoresFromTheRoadmapWithTheRankPreviewedAndRefusalsBesideTheirField() {
        browser.openAs("planner", "#/cycles/" + CYCLE + "/roadmap");
        browser.retryingRedraws(() -> browser.driver.findElement(By.id("open-propose")).click());
        browser.type("propose-title", "Saved searches");
        new Select(browser.field("propose-teamId")).selectByValue("dw-data");
        browser.type("propose-id", "dw-saved");
        browser.submit("propose");
        WebElement proposed = browser.waitFor(By.cssSelector("tr[data-initiative='dw-saved']"));
        assertThat(proposed.getText()).contains("Saved searches", "unscored");
        assertThat(api.get("/api/initiatives/dw-saved/history").body().get("events").get(0).get("actor").asText())
                .isEqualTo("planner");

        int unscoredRank = item("dw-saved").get("rank").asInt();
        browser.retryingRedraws(() -> action("dw-saved", "score").click());
        browser.type("score-dw-saved-reach", "6000");
        new Select(browser.field("score-dw-saved-impact")).selectByValue("2");
        new Select(browser.field("score-dw-saved-confidence")).selectByValue("0.8");
        browser.type("score-dw-saved-effort", "0");
        browser.type("score-dw-saved-reason", "first estimate");
        long taken = positionsTaken();
        browser.submit("score-dw-saved");
        String refusal = api.post("/api/initiatives/dw-saved/score", """
                {"reach": 6000, "impact": 2, "confidence": 0.8, "effort": 0, "reason": "first estimate"}""")
                            .body().get("errors").get(0).get("message").asText();
        browser.waitUntil(() -> browser.text("score-dw-saved-effort-error").equals(refusal));
        assertThat(browser.field("score-dw-saved-reach").getAttribute("value")).as("what was typed stays")
                                                                                .isEqualTo("6000");
        assertThat(positionsTaken()).isEqualTo(taken);

        browser.field("score-dw-saved-effort").clear();
        browser.type("score-dw-saved-effort", "4");
        String preview = browser.driver.findElement(By.cssSelector("#score-dw-saved .rank-preview")).getText();
        browser.submit("score-dw-saved");
        browser.waitUntil(() -> browser.driver.findElement(By.cssSelector("tr[data-initiative='dw-saved'] .score"))
                                              .getText().equals("2400.00"));
        JsonNode scored = item("dw-saved");
        assertThat(preview).isEqualTo("Score 2400.00: rank " + scored.get("rank").asInt() + " of 3 (now "
                                      + unscoredRank + ")");
        browser.screenshot("writes-roadmap");
    }

    @Test
    @Order(2)
    void aRetryAfterALostAnswerOrADoubleClickAppendsOnce() {
        browser.openAs("planner", "#/cycles/" + CYCLE + "/roadmap");
        int before = scores("dw-a");
        // The first write reaches the engine, but its answer is lost on the way back.
        browser.script("""
                const real = window.fetch;
                let lost = false;
                window.fetch = async (url, init) => {
                    const answer = await real(url, init);
                    if (!lost && init && init.method === 'POST') {
                        lost = true;
                        throw new TypeError('the connection dropped');
                    }
                    return answer;
                };""");
        browser.retryingRedraws(() -> action("dw-a", "score").click());
        browser.field("score-dw-a-reach").clear();
        browser.type("score-dw-a-reach", "4500");
        browser.type("score-dw-a-reason", "more buyers than we thought");
        browser.submit("score-dw-a");
        browser.waitUntil(() -> browser.driver.findElement(By.cssSelector("#score-dw-a .form-problem")).getText()
                                              .contains("cannot be reached"));
        assertThat(scores("dw-a")).as("the lost write was appended").isEqualTo(before + 1);
        browser.submit("score-dw-a");
        browser.waitUntil(() -> browser.driver.findElements(By.id("score-dw-a")).isEmpty());
        assertThat(scores("dw-a")).as("the retry answered the first write's answer").isEqualTo(before + 1);

        browser.retryingRedraws(() -> action("dw-a", "score").click());
        browser.field("score-dw-a-reach").clear();
        browser.type("score-dw-a-reach", "4600");
        browser.type("score-dw-a-reason", "counted again");
        browser.script("const form = document.getElementById('score-dw-a'); form.requestSubmit(); form.requestSubmit();");
        browser.waitUntil(() -> browser.driver.findElements(By.id("score-dw-a")).isEmpty());
        assertThat(scores("dw-a")).as("a double click").isEqualTo(before + 2);
    }

    @Test
    @Order(3)
    void aChangeBySomeoneElseSinceTheFormOpenedIsRefusedAndWhatWasTypedStays() {
        browser.openAs("planner", "#/cycles/" + CYCLE + "/roadmap");
        browser.retryingRedraws(() -> action("dw-b", "score").click());
        browser.waitFor(By.id("score-dw-b-reach"));
        api.write("/api/initiatives/dw-b/score", """
                {"reach": 800, "impact": 1, "confidence": 1, "effort": 2, "reason": "someone else's estimate"}""");
        int before = scores("dw-b");
        browser.field("score-dw-b-reach").clear();
        browser.type("score-dw-b-reach", "700");
        browser.type("score-dw-b-reason", "my estimate");
        browser.submit("score-dw-b");
        browser.waitUntil(() -> browser.driver.findElement(By.cssSelector("#score-dw-b .form-problem")).getText()
                                              .startsWith("Someone changed this since you opened it"));
        assertThat(browser.field("score-dw-b-reach").getAttribute("value")).isEqualTo("700");
        assertThat(scores("dw-b")).isEqualTo(before);
        assertThat(item("dw-b").get("rice").get("reach").asInt()).isEqualTo(800);
    }

    @Test
    @Order(4)
    void anAllocationAboveItsBucketAsksForTheOverrideReasonTheEngineWants() {
        browser.openAs("planner", "#/cycles/" + CYCLE + "/capacity");
        browser.retryingRedraws(() -> browser.driver.findElement(
                By.cssSelector(".team[data-team='dw-web'] [data-action='allocate']")).click());
        WebElement personWeeks = browser.field("allocate-dw-a-personWeeks");
        personWeeks.clear();
        browser.type("allocate-dw-a-personWeeks", "30");
        assertThat(browser.driver.findElement(By.cssSelector("#allocate-dw-a .preview")).getText())
                .contains("30 of 40 person-weeks allocated", "75.0%", "needs an override reason");
        WebElement override = browser.driver.findElement(By.cssSelector("#allocate-dw-a [data-field='override.reason']"));
        assertThat(override.isDisplayed()).as("not asked before the engine wants it").isFalse();
        long taken = positionsTaken();
        browser.submit("allocate-dw-a");
        String wanted = StreamSupport.stream(api.post("/api/cycles/dw-c/teams/dw-web/allocations", """
                {"initiativeId": "dw-a", "personWeeks": 30}""").body().get("errors").spliterator(), false)
                                     .filter(error -> error.get("field").asText().equals("override.reason"))
                                     .findFirst().orElseThrow().get("message").asText();
        browser.waitUntil(override::isDisplayed);
        assertThat(browser.text("allocate-dw-a-override.reason-error")).isEqualTo(wanted);
        assertThat(positionsTaken()).isEqualTo(taken);

        browser.type("allocate-dw-a-override.reason", "the bet of the half");
        browser.submit("allocate-dw-a");
        browser.waitUntil(() -> api.get("/api/cycles/dw-c/capacity").body().get("teams").get(0)
                                   .get("allocatedPersonWeeks").asInt() == 30);
        JsonNode plan = api.get("/api/cycles/dw-c/capacity").body().get("teams").get(0);
        assertThat(plan.get("overrides").get(0).get("reason").asText()).isEqualTo("the bet of the half");
        assertThat(plan.get("overrides").get(0).get("actor").asText()).isEqualTo("planner");
        browser.screenshot("writes-capacity");
    }

    @Test
    @Order(5)
    void aFileIsCheckedByADryRunFirstThenImportedWithItsProgressShown() throws IOException {
        browser.openAs("planner", "#/cycles/" + CYCLE + "/roadmap");
        browser.retryingRedraws(() -> browser.driver.findElement(By.id("open-import")).click());
        Path bad = Files.writeString(Files.createTempFile("plan", ".csv"), """
                title,team,category,reach,impact,confidence,effort
                Imported search,dw-web,KTLO,100,1,1,2
                Nobody's,dw-nope,KTLO,1,1,1,1
                """);
        long taken = positionsTaken();
        browser.waitFor(By.id("imports-file")).sendKeys(bad.toString());
        WebElement refused = browser.waitFor(By.cssSelector(".import-answer table.bad-rows"));
        assertThat(refused.getText()).contains("Rows that refuse the file", "3 teamId team dw-nope does not exist");
        assertThat(browser.driver.findElements(By.id("imports-run"))).as("nothing to import while a row refuses it")
                                                                      .isEmpty();
        assertThat(positionsTaken()).isEqualTo(taken);

        // Dropped, as from the file manager.
        browser.script("""
                const file = new File([arguments[0]], 'plan.csv', { type: 'text/csv' });
                const carried = new DataTransfer();
                carried.items.add(file);
                document.getElementById('imports-drop')
                        .dispatchEvent(new DragEvent('drop', { dataTransfer: carried, bubbles: true, cancelable: true }));""",
                       """
                       title,team,category,reach,impact,confidence,effort
                       Imported search,dw-web,KTLO,100,1,1,2
                       Imported reports,dw-web,NEW_INITIATIVE,300,2,0.5,3
                       """);
        browser.waitUntil(() -> browser.driver.findElement(By.cssSelector(".import-summary")).getText()
                                              .equals("2 rows: would append 2 InitiativeProposed, 2 InitiativeScored."));
        assertThat(positionsTaken()).as("a dry run appends nothing").isEqualTo(taken);
        browser.driver.findElement(By.id("imports-run")).click();
        browser.waitUntil(() -> "DONE".equals(browser.driver.findElement(By.cssSelector(".import-answer"))
                                                            .getAttribute("data-done")));
        assertThat(browser.driver.findElement(By.cssSelector(".import-summary")).getText())
                .isEqualTo("2 rows: appended 2 InitiativeProposed, 2 InitiativeScored.");
        browser.driver.findElement(By.cssSelector(".import button.secondary")).click();
        browser.waitUntil(() -> browser.driver.getPageSource().contains("Imported reports"));
    }

    @Test
    @Order(6)
    void aViewIsExportedAsTheEngineExportsIt() {
        browser.openAs("planner", "#/cycles/" + CYCLE + "/capacity");
        browser.waitFor(By.cssSelector(".team[data-team='dw-web']"));
        browser.script("""
                window.exports = [];
                const real = URL.createObjectURL;
                URL.createObjectURL = blob => {
                    window.exports.push(blob);
                    return real.call(URL, blob);
                };""");
        browser.driver.findElement(By.id("export-csv")).click();
        browser.driver.findElement(By.id("export-markdown")).click();
        browser.waitUntil(() -> ((Number) browser.script("return window.exports.length;")).intValue() == 2);
        Object texts = ((JavascriptExecutor) browser.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all(window.exports.map(blob => blob.text())).then(done);""");
        assertThat(texts).isEqualTo(List.of(api.get("/api/cycles/dw-c/capacity", "text/csv").raw(),
                                            api.get("/api/cycles/dw-c/capacity", "text/markdown").raw()));
    }

    @Test
    @Order(7)
    void eachRoleIsOfferedOnlyTheWritesItMay() {
        browser.openAs("viewer", "#/cycles/" + CYCLE + "/roadmap");
        browser.waitFor(By.cssSelector("tr[data-initiative='dw-a']"));
        assertThat(browser.driver.findElements(By.cssSelector("#open-propose, td.actions button, #open-commit-plan")))
                .isEmpty();

        browser.openAs("contributor", "#/cycles/" + CYCLE + "/roadmap");
        browser.waitFor(By.cssSelector("tr[data-initiative='dw-a']"));
        assertThat(browser.driver.findElements(By.id("open-propose"))).hasSize(1);
        assertThat(actions("dw-a")).containsExactly("score", "depend", "link");

        browser.openAs("lead", "#/cycles/" + CYCLE + "/roadmap");  // the lead of acl-team, not of dw-web
        browser.waitFor(By.cssSelector("tr[data-initiative='dw-a']"));
        assertThat(actions("dw-a")).containsExactly("score", "depend", "link");
        browser.openAs("lead", "#/cycles/" + CYCLE + "/capacity");
        browser.waitFor(By.cssSelector(".team[data-team='dw-web']"));
        assertThat(browser.driver.findElements(By.cssSelector(".team[data-team='dw-web'] .plan-actions"))).isEmpty();

        browser.openAs("planner", "#/cycles/" + CYCLE + "/roadmap");
        browser.waitFor(By.cssSelector("tr[data-initiative='dw-a']"));
        // (Defer is offered too when a later cycle is open: other tests' cycles may be.)
        assertThat(actions("dw-a")).contains("score", "commit", "drop", "depend", "link")
                                   .doesNotContain("start", "complete");
        assertThat(browser.driver.findElements(By.id("open-commit-plan"))).hasSize(1);
    }

    @Test
    @Order(8)
    void closingShowsTheUnfinishedWorkAndTheReasonTheEngineThenRequires() {
        browser.openAs("planner", "#/cycles/" + CYCLE + "/roadmap");
        browser.retryingRedraws(() -> action("dw-a", "commit").click());
        browser.submit("commit-dw-a");
        browser.waitUntil(() -> item("dw-a").get("status").asText().equals("COMMITTED"));
        browser.retryingRedraws(() -> browser.driver.findElement(By.id("open-commit-plan")).click());
        browser.submit("commit-plan");
        browser.waitUntil(() -> api.get("/api/cycles/" + CYCLE).body().get("status").asText().equals("COMMITTED"));

        browser.retryingRedraws(() -> browser.driver.findElement(By.id("open-close-cycle")).click());
        assertThat(browser.waitFor(By.id("unfinished-before-close")).getText())
                .isEqualTo("Checkout in one step (dw-web, committed, 30 person-weeks)");
        browser.submit("close-cycle");
        browser.waitUntil(() -> !browser.text("close-cycle-reason-error").isEmpty());
        assertThat(browser.text("close-cycle-reason-error")).contains("would close with 1 initiative unfinished");
        assertThat(api.get("/api/cycles/" + CYCLE).body().get("status").asText()).isEqualTo("COMMITTED");

        browser.type("close-cycle-reason", "the half is over");
        browser.submit("close-cycle");
        browser.waitUntil(() -> api.get("/api/cycles/" + CYCLE).body().get("status").asText().equals("CLOSED"));
        browser.waitUntil(() -> browser.driver.findElements(By.id("open-close-cycle")).isEmpty());
    }

    private WebElement action(String initiativeId, String action) {
        return browser.waitFor(By.cssSelector("tr[data-initiative='" + initiativeId + "'] [data-action='" + action
                                              + "']"));
    }

    private List<String> actions(String initiativeId) {
        return browser.driver.findElements(By.cssSelector("tr[data-initiative='" + initiativeId + "'] td.actions button"))
                             .stream().map(button -> button.getAttribute("data-action")).toList();
    }

    private JsonNode item(String initiativeId) {
        return api.get("/api/initiatives/" + initiativeId).body();
    }

    /** The initiative's scores in the log, as its history reads them. */
    private int scores(String initiativeId) {
        return (int) StreamSupport.stream(api.get("/api/initiatives/" + initiativeId + "/history").body().get("events")
                                             .spliterator(), false)
                                  .filter(event -> event.get("type").asText().equals("InitiativeScored")).count();
    }
}
