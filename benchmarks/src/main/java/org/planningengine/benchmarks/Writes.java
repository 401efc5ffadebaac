package org.planningengine.benchmarks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.planningengine.command.initiative.ProposeInitiative;
import org.planningengine.command.initiative.ScoreInitiative;
import org.planningengine.command.cycle.StartCycle;
import org.planningengine.command.team.RegisterTeam;
import org.planningengine.events.initiative.Category;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W1: commands per second and their latency at 1, 4 and 16 concurrent clients, through HTTP and through Axon's
 * command gateway, on the command side with our event log and with the Axon Mongo extension's engine; next to the
 * raw driver inserting as many event-sized documents at the same concurrency on the same server.
 * <p>
 * Each client plans for a team of its own: it proposes an initiative every fourth command and re-scores one of its
 * initiatives the other three times, so aggregates grow long enough to be loaded, and snapshotted, as in real use.
 * A warm-up of a fifth as many commands runs first, unmeasured, on other initiatives.
 */
final class Writes {

    private static final String DATABASE = "bench_w1";
    private static final String CYCLE = "bench-cycle";

    /** The two ways to send a command. */
    private enum Path {
        HTTP {
            @Override
            void propose(Engine engine, String id, String team) {
                engine.send("POST", "/api/initiatives", """
                        {"id": "%s", "cycleId": "%s", "teamId": "%s", "title": "Initiative %s", "category": "NEW_INITIATIVE"}"""
                        .formatted(id, CYCLE, team, id));
            }

            @Override
            void score(Engine engine, String id, Rice rice) {
                engine.send("POST", "/api/initiatives/" + id + "/score", """
                        {"reach": %s, "impact": %s, "confidence": %s, "effort": %s, "reason": "estimate revisited"}"""
                        .formatted(rice.reach(), rice.impact(), rice.confidence(), rice.effort()));
            }
        },
        GATEWAY {
            @Override
            void propose(Engine engine, String id, String team) {
                engine.command(new ProposeInitiative(id, CYCLE, team, "Initiative " + id, null,
                                                     Category.NEW_INITIATIVE));
            }

            @Override
            void score(Engine engine, String id, Rice rice) {
                engine.command(new ScoreInitiative(id, rice.reach(), rice.impact(), rice.confidence(), rice.effort(),
                                                   "estimate revisited"));
            }
        };

        abstract void propose(Engine engine, String id, String team);

        abstract void score(Engine engine, String id, Rice rice);
    }

    private record Rice(BigDecimal reach, BigDecimal impact, BigDecimal confidence, BigDecimal effort) {

        static Rice random(SplittableRandom random) {
            return new Rice(BigDecimal.valueOf(100 + random.nextInt(20_000)),
                            new BigDecimal(List.of("0.25", "0.5", "1", "2", "3").get(random.nextInt(5))),
                            new BigDecimal(List.of("0.5", "0.8", "1").get(random.nextInt(3))),
                            BigDecimal.valueOf(5 + random.nextInt(195)).movePointLeft(1));
        }
    }

    private final MongoTarget mongo;
    private final Report report;
    private final int commands;

    Writes(MongoTarget mongo, Report report, int commands) {
        this.mongo = mongo;
        this.report = report;
        this.commands = commands;
    }

    void run(List<Integer> concurrencies, boolean extension) {
        for (int clients : concurrencies) {
            double raw = rawInserts(clients);
            measure(Engine.Kind.COMMAND_SIDE, Path.HTTP, clients, raw, "http");
            measure(Engine.Kind.COMMAND_SIDE, Path.GATEWAY, clients, raw, "gateway");
            if (extension) {
                measure(Engine.Kind.COMMAND_SIDE_EXTENSION, Path.GATEWAY, clients, raw, "gateway, extension");
            }
            measure(Engine.Kind.STANDALONE, Path.HTTP, clients, raw, "http, standalone");
        }
    }

    private void measure(Engine.Kind kind, Path path, int clients, double raw, String variant) {
        mongo.fresh(DATABASE);
        try (Engine engine = Engine.start(kind, mongo.uri(DATABASE))) {
            // through the gateway: the extension's engine cannot answer the positions HTTP writes report
            engine.command(new StartCycle(CYCLE, "Benchmark", LocalDate.of(2030, 1, 1), LocalDate.of(2030, 6, 30),
                                          null));
            for (int c = 0; c < clients; c++) {
                engine.command(new RegisterTeam("bench-team-" + c, "Team " + c, null));
            }
            plan(engine, path, clients, Math.max(clients, commands / 5), "warm", new Latencies());
            Latencies latencies = new Latencies();
            engine.mongoCommands().reset();
            double seconds = plan(engine, path, clients, commands, "run", latencies);
            long events = mongo.database(DATABASE).getCollection(
                    kind == Engine.Kind.COMMAND_SIDE_EXTENSION ? "domainevents" : "events").countDocuments();
            report.add(new Figure("W1", variant, clients, events, latencies.count(), latencies.count() / seconds,
                                  latencies.p50Millis(), latencies.p99Millis(), raw,
                                  engine.mongoCommands().total() / (double) latencies.count(),
                                  "commands/s; raw = single-document inserts/s at the same concurrency"));
            System.out.print("  MongoDB commands per command:\n"
                             + engine.mongoCommands().perOperation(latencies.count()));
        }
        mongo.fresh(DATABASE);
    }

    /** Every client's share of the commands; answers the seconds they took together. */
    private static double plan(Engine engine, Path path, int clients, int total, String phase, Latencies latencies) {
        return Clients.run(clients, client -> {
            SplittableRandom random = new SplittableRandom(client);
            String team = "bench-team-" + client;
            List<String> mine = new ArrayList<>();
            for (int i = client; i < total; i += clients) {
                if (i % 4 == 0 || mine.isEmpty()) {
                    String id = String.format(Locale.ROOT, "%s-%d-%d", phase, client, i);
                    latencies.time(() -> path.propose(engine, id, team));
                    mine.add(id);
                } else {
                    String id = mine.get(random.nextInt(mine.size()));
                    Rice rice = Rice.random(random);
                    latencies.time(() -> path.score(engine, id, rice));
                }
            }
        });
    }

    /** The raw driver inserting as many commit-sized documents of one event each, at the same concurrency. */
    private double rawInserts(int clients) {
        MongoCollection<Document> events = mongo.fresh(DATABASE + "_raw").getCollection("events");
        events.createIndex(Indexes.ascending("keys"), new IndexOptions().unique(true)); // as the event log has
        AtomicLong positions = new AtomicLong();
        long aggregates = Math.max(1, commands / 4);
        // As many again to warm up: at one client this is the run's first figure, the JVM still cold.
        Clients.run(clients, client -> {
            for (int i = client; i < commands; i += clients) {
                events.insertOne(SyntheticCommits.commit(positions.incrementAndGet(), aggregates));
            }
        });
        double seconds = Clients.run(clients, client -> {
            for (int i = client; i < commands; i += clients) {
                events.insertOne(SyntheticCommits.commit(positions.incrementAndGet(), aggregates));
            }
        });
        mongo.fresh(DATABASE + "_raw");
        return commands / seconds;
    }
}
