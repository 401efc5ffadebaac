package org.planningengine.standalone.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A read with {@code consistentWith} sees the write that answered the token, or says it could not in time. */
class ReadYourWritesTest extends HttpTestBase {

    @Test
    void aReadWithTheTokenOfAWriteReflectsIt() {
        HttpApi.Response started = api.write("/api/cycles", """
                {"id": "ryw-s1", "name": "Read your writes", "startDate": "2031-04-01", "endDate": "2031-09-30"}""");
        HttpApi.Response cycle = api.get("/api/cycles/ryw-s1?consistentWith=" + started.position());
        assertThat(cycle.status()).as(cycle.raw()).isEqualTo(200);

        api.write("/api/teams", """
                {"id": "ryw-team", "name": "Readers"}""");
        for (int i = 0; i < 5; i++) {
            HttpApi.Response proposed = api.write("/api/initiatives", """
                    {"id": "ryw-%d", "cycleId": "ryw-s1", "teamId": "ryw-team", "title": "Read %d", "category": "KTLO"}"""
                    .formatted(i, i));
            HttpApi.Response roadmap = api.get("/api/cycles/ryw-s1/roadmap?consistentWith=" + proposed.position());
            assertThat(roadmap.body().get("items")).as("after proposing ryw-" + i).hasSize(i + 1);
        }
        HttpApi.Response committed = api.write("/api/cycles/ryw-s1/commit", null);
        assertThat(api.get("/api/cycles/ryw-s1?consistentWith=" + committed.position()).body().get("status")
                      .asText()).isEqualTo("COMMITTED");
    }

    @Test
    void aTokenThatIsNoTokenIsABadRequest() {
        HttpApi.Response response = api.get("/api/cycles?consistentWith=yesterday");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo("consistentWith");
    }

    @Test
    void aWriteTheViewsDoNotReflectWithinFiveSecondsIsAGatewayTimeout() {
        HttpApi.Response response = api.get("/api/cycles?consistentWith=" + Long.MAX_VALUE / 2);

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().get("detail").asText()).contains("did not reflect write");
    }
}
