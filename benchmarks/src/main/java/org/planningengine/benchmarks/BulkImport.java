package org.planningengine.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.planningengine.command.cycle.StartCycle;
import org.planningengine.command.team.RegisterTeam;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * W4: a spreadsheet of initiatives (5,000 rows by default) imported into a cycle through the import endpoint, timed
 * from the upload to the status saying DONE; each row is proposed and scored, two events. Raw: a client inserting
 * as many event-sized documents one by one.
 */
final class BulkImport {

    private static final String DATABASE = "bench_w4";
    private static final String CYCLE = "import-cycle";
    private static final int TEAMS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MongoTarget mongo;
    private final Report report;

    BulkImport(MongoTarget mongo, Report report) {
        this.mongo = mongo;
        this.report = report;
    }

    void run(int rows) throws Exception {
        String csv = spreadsheet(rows);
        mongo.fresh(DATABASE);
        try (Engine engine = Engine.start(Engine.Kind.STANDALONE, mongo.uri(DATABASE))) {
            engine.command(new StartCycle(CYCLE, "Imported", LocalDate.of(2031, 1, 1), LocalDate.of(2031, 6, 30),
                                          null));
            for (int t = 0; t < TEAMS; t++) {
                engine.command(new RegisterTeam("import-team-" + t, "Team " + t, null));
            }
            engine.mongoCommands().reset();
            long start = System.nanoTime();
            JsonNode status = JSON.readTree(engine.send("POST", "/api/cycles/" + CYCLE + "/imports", "text/csv", csv));
            String path = "/api/cycles/" + CYCLE + "/imports/" + status.get("id").asText();
            while (status.get("status").asText().equals("RUNNING")) {
                Thread.sleep(20);
                status = JSON.readTree(engine.get(path));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!status.get("status").asText().equals("DONE") || status.get("badRows").size() > 0) {
                throw new IllegalStateException("the import did not finish cleanly: " + status);
            }
            System.out.print("  MongoDB commands per row:\n" + engine.mongoCommands().perOperation(rows));
            long events = 0;
            for (JsonNode count : status.get("events")) {
                events += count.asLong();
            }
            report.add(new Figure("W4", "import, csv", 1, events, rows, rows / seconds, Double.NaN, Double.NaN,
                                  rawInserts((int) events) * rows / events,
                                  engine.mongoCommands().total() / (double) rows,
                                  String.format("rows/s (%,d events, %.1f s upload to DONE); raw = the same events "
                                                + "inserted one by one, in rows/s", events, seconds)));
        }
        mongo.fresh(DATABASE);
    }

    /** A team's spreadsheet: RICE on Intercom's impact scale, confidence in percent, effort in person-weeks. */
    private static String spreadsheet(int rows) {
        SplittableRandom random = new SplittableRandom(11);
        List<String> impacts = List.of("0.25", "0.5", "1", "2", "3");
        List<String> categories = List.of("NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE");
        StringBuilder csv = new StringBuilder("Title,Team,Category,Reach,Impact,Confidence,Effort,Description\n");
        for (int row = 0; row < rows; row++) {
            csv.append(String.format("\"Imported initiative %d, from the spreadsheet\",import-team-%d,%s,%d,%s,%d%%,%d,"
                                     + "\"Row %d of the planning sheet\"%n", row, random.nextInt(TEAMS),
                                     categories.get(random.nextInt(3)), 100 + random.nextInt(20_000),
                                     impacts.get(random.nextInt(5)), List.of(50, 80, 100).get(random.nextInt(3)),
                                     1 + random.nextInt(20), row));
        }
        return csv.toString();
    }

    private double rawInserts(int documents) {
        MongoCollection<Document> events = mongo.fresh(DATABASE + "_raw").getCollection("events");
        events.createIndex(Indexes.ascending("keys"), new IndexOptions().unique(true));
        long start = System.nanoTime();
        for (int i = 1; i <= documents; i++) {
            events.insertOne(SyntheticCommits.commit(i, Math.max(1, documents / 2)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        mongo.fresh(DATABASE + "_raw");
        return documents / seconds;
    }
}
