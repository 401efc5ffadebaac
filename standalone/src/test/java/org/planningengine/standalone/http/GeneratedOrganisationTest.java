package org.planningengine.standalone.http;

import org.junit.jupiter.api.Test;
import org.planningengine.standalone.TestUsers;
import org.planningengine.workload.HttpSink;
import org.planningengine.workload.PlanGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workload generator's organisation, small, through the real API: every request it sends is accepted, and the
 * views show what it made.
 */
class GeneratedOrganisationTest extends HttpTestBase {

    @Test
    void everyRequestOfAGeneratedOrganisationIsAcceptedAndTheViewsShowIt() {
        PlanGenerator.Summary summary = new PlanGenerator(11, 0.005, new HttpSink("http://localhost:" + port,
                                                                                  TestUsers.TESTER,
                                                                                  TestUsers.PASSWORD))
                .run("gentest", 2);

        assertThat(summary.firstRefusals()).isEmpty();
        assertThat(summary.refused()).isZero();
        HttpApi.Response last = api.write("/api/lessons", "{\"cycleId\": \"gentest-s1\", \"text\": \"generated\"}");
        awaitViews(last);
        assertThat(api.get("/api/cycles/gentest-s0").body().get("status").asText()).isEqualTo("CLOSED");
        assertThat(api.get("/api/cycles/gentest-s0/roadmap").body().get("items").size())
                .isGreaterThanOrEqualTo(summary.sent().get("initiative") / 2 - summary.sent().getOrDefault("defer", 0));
        assertThat(api.get("/api/cycles/gentest-s1/okrs").body().get("objectives").size())
                .isGreaterThan(0);
        System.out.println("GeneratedOrganisationTest: " + summary.total() + " requests " + summary.sent());
    }
}
