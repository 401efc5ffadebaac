package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.testing.Await;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A position whose writer died between reserving it and committing (played here by taking it from the counter as
 * an append does, and writing nothing) holds the views, visibly, until the log's clock says it is abandoned; then the
 * views' {@code asOf}, {@code consistentWith} and the status all move on. The log's clock passing the gap timeout is
 * played by moving the stored time back: a test does not wait a minute.
 */
class AbandonedPositionTest extends HttpTestBase {

    @Autowired
    MeterRegistry meters;

    private static final String ROADMAP = "/api/cycles/gap-s1/roadmap";

    /** Takes the next position as an append does (stamped with the server's time) and commits nothing there. */
    private long reserveAndDie() {
        Document before = database.getCollection(MongoEventLog.SEQUENCE_COLLECTION).findOneAndUpdate(
                Filters.eq("_id", "position"),
                Updates.combine(Updates.inc("allocated", 1L), Updates.currentDate("reservedAt")),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        return before.get("allocated", Number.class).longValue();
    }

    private JsonNode plan() {
        for (JsonNode projection : api.get("/api/admin/projections/status").body().get("projections")) {
            if (projection.get("name").asText().equals("plan")) {
                return projection;
            }
        }
        throw new AssertionError("no plan projection in the status");
    }

    private JsonNode gaps() {
        return api.get("/api/admin/projections/status").body().get("gaps");
    }

    private double meter(String name) {
        return meters.get(name).meter().measure().iterator().next().getValue();
    }

    /** Whatever happened, the engine the other test classes share is left with no hole in its log. */
    private void closeForTheOthers(long position) {
        try {
            database.getCollection(MongoEventLog.EVENTS_COLLECTION).insertOne(
                    new Document("_id", position).append("last", position).append("keys", List.of("#" + position))
                                                 .append("events", List.of()).append("closed", "abandoned"));
        } catch (MongoWriteException taken) {
            // closed by the engine, as it should be
        }
    }

    @Test
    void aPositionNoCommitFillsHoldsTheViewsVisiblyUntilTheLogsClockClosesItThenTheyMoveOn() {
        api.write("/api/cycles", """
                {"id": "gap-s1", "name": "Gaps", "startDate": "2033-04-01", "endDate": "2033-09-30"}""");
        HttpApi.Response team = api.write("/api/teams", """
                {"id": "gap-team", "name": "Gaps"}""");
        awaitViews(team);
        Instant before = Instant.parse(api.get(ROADMAP).body().get("asOf").asText());

        long abandoned = reserveAndDie();
        try {
            heldThenMovedOn(abandoned, before);
        } finally {
            closeForTheOthers(abandoned);
        }
    }

    private void heldThenMovedOn(long abandoned, Instant before) {
        HttpApi.Response proposed = api.write("/api/initiatives", """
                {"id": "gap-1", "cycleId": "gap-s1", "teamId": "gap-team", "title": "After the hole",
                 "category": "KTLO"}""");
        assertThat(proposed.position()).isGreaterThan(abandoned);

        Await.until("the engine to wait for position " + abandoned, () -> gaps().get("waiting").asInt() == 1
                && gaps().get("oldestPosition").asLong() == abandoned);
        Await.until("the views to apply the write after the hole",
                    () -> api.get(ROADMAP).body().get("items").size() == 1);
        JsonNode held = plan();
        assertThat(held.get("position").asLong()).as("the views hold before the hole").isLessThan(abandoned);
        assertThat(held.get("lag").asLong()).as("and say so").isGreaterThanOrEqualTo(proposed.position() - abandoned);
        assertThat(Instant.parse(api.get(ROADMAP).body().get("asOf").asText())).as("asOf held").isEqualTo(before);
        HttpApi.Response waited = api.get(ROADMAP + "?consistentWith=" + proposed.position());
        assertThat(waited.status()).as(waited.raw()).isEqualTo(504);
        assertThat(meter("planning.eventlog.gaps.waiting")).isEqualTo(1.0);
        assertThat(meter("planning.eventlog.gaps.oldest.age")).isNotNegative();
        double closedBefore = meter("planning.eventlog.gaps.given.up");

        // The log's clock passes the gap timeout: the record of the wait, made a second after the reader first saw
        // the hole, is a minute and more old.
        MongoCollection<Document> records = database.getCollection(MongoEventLog.GAPS_COLLECTION);
        Await.until("the wait for " + abandoned + " recorded",
                    () -> records.find(Filters.eq("_id", abandoned)).first() != null);
        records.updateOne(Filters.eq("_id", abandoned),
                          Updates.set("reservedBy", Date.from(Instant.now().minus(Duration.ofMinutes(2)))));

        Await.until("the read after the hole to answer",
                    () -> api.get(ROADMAP + "?consistentWith=" + proposed.position()).status() == 200);
        Document tombstone = database.getCollection(MongoEventLog.EVENTS_COLLECTION)
                                     .find(Filters.eq("_id", abandoned)).first();
        assertThat(tombstone.getString("closed")).isEqualTo("abandoned");
        assertThat(tombstone.getList("events", Document.class)).isEmpty();
        JsonNode roadmap = api.get(ROADMAP + "?consistentWith=" + proposed.position()).body();
        assertThat(roadmap.get("items").get(0).get("initiativeId").asText()).isEqualTo("gap-1");
        assertThat(Instant.parse(roadmap.get("asOf").asText())).as("asOf moved on").isAfter(before);
        Await.until("the status to show nothing held", () -> plan().get("lag").asLong() == 0
                && gaps().get("waiting").asInt() == 0);
        assertThat(meter("planning.eventlog.gaps.waiting")).isZero();
        assertThat(meter("planning.eventlog.gaps.given.up")).isEqualTo(closedBefore + 1);
    }
}
