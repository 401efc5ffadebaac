package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.testing.Await;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook subscriptions through the API, and their deliveries to a real receiver on the loopback. */
class WebhookHttpTest extends HttpTestBase {

    private static final String SECRET = "whsec-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Received(String deliveryId, String signature, String body) {
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("Planning-Delivery"),
                                      exchange.getRequestHeaders().getFirst("Planning-Signature"), body));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void aPlannerSubscribesAndEachEventOfTheCycleArrivesSignedAfterARetry() throws Exception {
        api.write("/api/cycles", """
                {"id": "hook-s1", "name": "Hooks", "startDate": "2034-04-01", "endDate": "2034-09-30"}""");
        awaitAllViews();
        failuresLeft.set(1);
        HttpApi.Response created = api.as("planner").post("/api/webhooks", """
                {"id": "hook-slack", "url": "%s", "cycle": "hook-s1", "types": ["InitiativeProposed", "InitiativeScored"],
                 "secret": "%s"}""".formatted(hook(), SECRET));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.raw()).doesNotContain(SECRET);
        assertThat(created.body().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.body().get("createdBy").asText()).isEqualTo("planner");

        api.write("/api/teams", """
                {"id": "hook-team", "name": "Hookers"}""");
        api.write("/api/initiatives", """
                {"id": "hook-search", "cycleId": "hook-s1", "teamId": "hook-team", "title": "Search", "category": "KTLO"}""");
        api.write("/api/initiatives/hook-search/score", """
                {"reach": 100, "impact": 1, "confidence": 0.5, "effort": 2, "reason": "first guess"}""");

        Await.until("both events delivered", () -> received.stream().map(Received::deliveryId).distinct().count() == 2);
        assertThat(received.get(0).deliveryId()).as("refused once, sent again under its id")
                                                .isEqualTo(received.get(1).deliveryId());
        for (Received request : received) {
            String[] signature = request.signature().split(",");
            String time = signature[0].substring(2);
            assertThat(signature[1]).isEqualTo("v1=" + hmac(time + "." + request.body()));
        }
        JsonNode score = JSON.readTree(received.get(received.size() - 1).body());
        assertThat(score.get("type").asText()).isEqualTo("InitiativeScored");
        assertThat(score.get("subject").get("teamId").asText()).isEqualTo("hook-team");

        JsonNode deliveries = api.as("planner").get("/api/webhooks/hook-slack/deliveries").body();
        assertThat(deliveries.get("total").asInt()).isEqualTo(2);
        JsonNode proposal = deliveries.get("deliveries").get(1);
        assertThat(proposal.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(proposal.get("attempts").asInt()).isEqualTo(2);
        assertThat(proposal.get("lastAttempts").get(0).get("statusCode").asInt()).isEqualTo(500);
        assertThat(proposal.get("lastAttempts").get(1).get("statusCode").asInt()).isEqualTo(204);
        Await.until("the cursor at the score", () -> api.get("/api/webhooks/hook-slack").body().get("cursor")
                .asLong() == score.get("position").asLong());
    }

    @Test
    void subscriptionsAreListedChangedPausedResumedAndDeleted() {
        String path = "/api/webhooks/hook-crud";
        assertThat(api.post("/api/webhooks", """
                {"id": "hook-crud", "url": "%s", "secret": "%s"}""".formatted(hook(), SECRET)).status()).isEqualTo(201);
        assertThat(api.post("/api/webhooks", """
                {"id": "hook-crud", "url": "%s", "secret": "%s"}""".formatted(hook(), SECRET)).status()).isEqualTo(409);
        assertThat(api.get("/api/webhooks").body().get("webhooks").findValuesAsText("id")).contains("hook-crud");

        HttpApi.Response changed = api.exchange("PATCH", path, """
                {"types": ["PlanCommitted"]}""");
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.body().get("types").toString()).isEqualTo("[\"PlanCommitted\"]");
        assertThat(changed.body().get("url").asText()).isEqualTo(hook());

        JsonNode paused = api.post(path + "/pause", null).body();
        assertThat(paused.get("status").asText()).isEqualTo("PAUSED");
        assertThat(paused.get("pausedReason").asText()).contains("tester");
        JsonNode resumed = api.post(path + "/resume", null).body();
        assertThat(resumed.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(resumed.get("pausedReason").isNull()).isTrue();

        assertThat(api.exchange("DELETE", path, null).status()).isEqualTo(204);
        assertThat(api.get(path).status()).isEqualTo(404);
        assertThat(api.exchange("DELETE", path, null).status()).isEqualTo(404);
    }

    @Test
    void onlyPlannersAndAdministratorsManageWebhooks() {
        for (String user : List.of("viewer", "contributor", "lead")) {
            assertThat(api.as(user).get("/api/webhooks").status()).as(user).isEqualTo(403);
            assertThat(api.as(user).post("/api/webhooks", """
                    {"url": "%s", "secret": "%s"}""".formatted(hook(), SECRET)).status()).as(user).isEqualTo(403);
        }
        assertThat(api.anonymous().get("/api/webhooks").status()).isEqualTo(401);
        assertThat(api.as("administrator").get("/api/webhooks").status()).isEqualTo(200);
    }

    @Test
    void aSubscriptionThatCannotBeKeptIsRefusedAndNothingIsStored() {
        int before = api.get("/api/webhooks").body().get("webhooks").size();
        refused(400, "url", """
                {"secret": "%s"}""".formatted(SECRET));
        refused(400, "secret", """
                {"url": "%s"}""".formatted(hook()));
        refused(400, "colour", """
                {"url": "%s", "secret": "%s", "colour": "red"}""".formatted(hook(), SECRET));
        refused(400, "url", """
                {"url": "%s", "url": "%s", "secret": "%s"}""".formatted(hook(), hook(), SECRET));
        refused(400, "types", """
                {"url": "%s", "secret": "%s", "types": ["scored"]}""".formatted(hook(), SECRET));
        refused(422, "secret", """
                {"url": "%s", "secret": "short"}""".formatted(hook()));
        refused(422, "http or https", """
                {"url": "ftp://127.0.0.1/hook", "secret": "%s"}""".formatted(SECRET));
        refused(422, "link-local", """
                {"url": "http://169.254.169.254/latest/meta-data/", "secret": "%s"}""".formatted(SECRET));
        refused(422, "the engine itself", """
                {"url": "http://127.0.0.1:%d/api/cycles", "secret": "%s"}""".formatted(port, SECRET));
        refused(404, "no-such-cycle", """
                {"url": "%s", "secret": "%s", "cycle": "no-such-cycle"}""".formatted(hook(), SECRET));
        refused(404, "no-such-team", """
                {"url": "%s", "secret": "%s", "team": "no-such-team"}""".formatted(hook(), SECRET));
        assertThat(api.get("/api/webhooks").body().get("webhooks").size()).isEqualTo(before);
    }

    private void refused(int status, String named, String body) {
        HttpApi.Response answer = api.post("/api/webhooks", body);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.raw()).contains(named);
    }

    private static String hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
