package org.planningengine.benchmarks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.workload.HttpSink;
import org.planningengine.workload.PlanGenerator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Event logs of a given size made of generated organisations. The workload generator plans one organisation through
 * the engine's HTTP API (every event a real command's); a log of any size is then that organisation copied, each
 * copy under ids of its own ({@code gen-} becomes {@code gen1-}, {@code gen2-}…), with new event ids, positions after
 * the previous copy's and timestamps after its last, until the log holds the events asked for. So a log of 1,000,000
 * events is a few hundred organisations one after another, each cycle's views as large as in the smallest log.
 */
final class Datasets {

    static final String PREFIX = "gen";
    private static final String SEED_DATABASE = "bench_seed";
    private static final int INSERT_BATCH = 1000;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    /** The generated organisation: its commits in position order, how many events and how long it took. */
    record Seed(List<Document> commits, long events, Instant first, Instant last, List<String> otherIds) {

        Duration span() {
            return Duration.between(first, last).plusSeconds(1);
        }

        /** The organisation's cycles, by id, with the instant each was started. */
        Map<String, Instant> cycleStarts() {
            Map<String, Instant> starts = new TreeMap<>();
            for (Document commit : commits) {
                for (Document event : commit.getList("events", Document.class)) {
                    String aggregate = event.getString("aggregateId");
                    if (aggregate.startsWith("cycle:") && event.get("seq", Number.class).longValue() == 0) {
                        starts.put(aggregate.substring("cycle:".length()),
                                   Instant.from(TIMESTAMP.parse(event.getString("timestamp"))));
                    }
                }
            }
            return starts;
        }
    }

    private final MongoTarget mongo;
    private final double size;
    private final int semesters;
    private Seed seed;

    Datasets(MongoTarget mongo, double size, int semesters) {
        this.mongo = mongo;
        this.size = size;
        this.semesters = semesters;
    }

    /** The generated organisation, planned through HTTP once per run. */
    Seed seed() {
        if (seed == null) {
            mongo.fresh(SEED_DATABASE);
            long start = System.nanoTime();
            PlanGenerator.Summary summary;
            try (Engine engine = Engine.start(Engine.Kind.STANDALONE, mongo.uri(SEED_DATABASE))) {
                summary = new PlanGenerator(42, size, new HttpSink(engine.base(), Engine.USER, Engine.PASSWORD))
                        .run(PREFIX, semesters);
            }
            if (summary.refused() > 0) {
                throw new IllegalStateException("the engine refused generated requests: " + summary.firstRefusals());
            }
            List<Document> commits = mongo.database(SEED_DATABASE).getCollection(MongoEventLog.EVENTS_COLLECTION)
                                          .find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
            long events = commits.stream().mapToLong(commit -> commit.getList("events", Document.class).size()).sum();
            seed = new Seed(commits, events, timestamp(commits.get(0)), timestamp(commits.get(commits.size() - 1)),
                            otherIds(commits));
            System.out.printf("seed: size %s, %d semesters: %,d requests, %,d events in %,d commits, %.0f s%n", size,
                              semesters, summary.total(), events, commits.size(), (System.nanoTime() - start) / 1e9);
            mongo.fresh(SEED_DATABASE);
        }
        return seed;
    }

    /** Fills a new database with at least this many events; answers how many it holds. */
    long fill(String database, long events) {
        return fill(mongo, database, events);
    }

    /** The same on another server than the seed's (the durable engine's, for the disk figures). */
    long fill(MongoTarget target, String database, long events) {
        Seed organisation = seed();
        MongoCollection<Document> log = target.fresh(database).getCollection(MongoEventLog.EVENTS_COLLECTION);
        long positions = organisation.commits().get(organisation.commits().size() - 1).getLong("last") + 1;
        long written = 0;
        List<Document> batch = new ArrayList<>(INSERT_BATCH);
        for (int copy = 0; written < events; copy++) {
            Duration shift = organisation.span().multipliedBy(copy);
            for (Document commit : organisation.commits()) {
                batch.add(copy(commit, copy, copy * positions, shift, organisation.otherIds()));
                written += commit.getList("events", Document.class).size();
                if (batch.size() == INSERT_BATCH) {
                    log.insertMany(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            log.insertMany(batch);
        }
        return written;
    }

    /** The id prefix of a copy; copy 0 is the organisation as generated. */
    static String prefix(int copy) {
        return copy == 0 ? PREFIX : PREFIX + copy;
    }

    /** Ids the engine chose (lessons'), which carry no prefix: a copy renames them with a suffix. */
    private static List<String> otherIds(List<Document> commits) {
        Set<String> ids = new TreeSet<>();
        for (Document commit : commits) {
            for (Document event : commit.getList("events", Document.class)) {
                String id = event.getString("aggregateId");
                if (id != null && !id.contains(":" + PREFIX + "-")) {
                    ids.add(id.substring(id.indexOf(':') + 1));
                }
            }
        }
        return List.copyOf(ids);
    }

    private static Document copy(Document commit, int copy, long positionShift, Duration shift,
                                 List<String> otherIds) {
        List<Document> events = new ArrayList<>();
        for (Document event : commit.getList("events", Document.class)) {
            Instant at = Instant.from(TIMESTAMP.parse(event.getString("timestamp"))).plus(shift);
            events.add(new Document(event)
                    .append("id", UUID.nameUUIDFromBytes((copy + ":" + event.getString("id")).getBytes()).toString())
                    .append("aggregateId", rename(event.getString("aggregateId"), copy, otherIds))
                    .append("timestamp", TIMESTAMP.format(at))
                    .append("payload", rename(event.getString("payload"), copy, otherIds)));
        }
        return new Document(commit)
                .append("_id", commit.getLong("_id") + positionShift)
                .append("last", commit.getLong("last") + positionShift)
                .append("committedAt", Date.from(commit.getDate("committedAt").toInstant().plus(shift)))
                .append("keys", commit.getList("keys", String.class).stream()
                                      .map(key -> key.startsWith("#") ? "#" + (commit.getLong("_id") + positionShift)
                                                                      : rename(key, copy, otherIds)).toList())
                .append("events", events);
    }

    private static String rename(String text, int copy, List<String> otherIds) {
        if (copy == 0 || text == null) {
            return text;
        }
        String renamed = text.replace(PREFIX + "-", prefix(copy) + "-");
        for (String id : otherIds) {
            renamed = renamed.replace(id, id + "-" + copy);
        }
        return renamed;
    }

    private static Instant timestamp(Document commit) {
        return Instant.from(TIMESTAMP.parse(commit.getList("events", Document.class).get(0).getString("timestamp")));
    }
}
