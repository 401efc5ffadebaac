package org.planningengine.query.views;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.testing.MongoTestServer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The view writes of a processor's batch, on a real MongoDB wire-protocol server through the real driver: held
 * until the batch's last event, read back by the batch itself, sent before the token is stored.
 */
class ViewWritesTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    private final List<String> commands = new CopyOnWriteArrayList<>();
    private MongoClient client;
    private MongoDatabase database;
    private AggregateViews documents;
    private ViewSets sets;
    private ViewLogs lists;

    @BeforeEach
    void views() {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(MongoTestServer.connectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.add(event.getCommandName());
                    }
                }).build());
        database = client.getDatabase("view-writes-" + UUID.randomUUID());
        documents = new AggregateViews(database, "view_things");
        sets = new ViewSets(database, "view_thing_sets");
        lists = new ViewLogs(database, "view_thing_lists");
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aBatchReadsItsOwnWritesAndSendsThemAllBeforeItsTokenIsStored() {
        List<Long> storedWhenTheTokenWas = new ArrayList<>();
        List<Long> storedDuringTheBatch = new ArrayList<>();

        batch(List.of(
                () -> thing("a", 1, "first"),
                () -> thing("a", 2, "second"),
                () -> thing("b", 1, "other"),
                () -> {
                    thing("a", 3, "third");
                    assertThat(documents.find("a").orElseThrow().getString("title")).isEqualTo("third");
                    assertThat(documents.findAll(List.of("a", "b"), AT.plusSeconds(2)).get("a").getString("title"))
                            .as("as of an instant, from the batch's versions").isEqualTo("second");
                }),
              () -> storedDuringTheBatch.add(stored()),
              () -> storedWhenTheTokenWas.add(stored()));

        assertThat(storedDuringTheBatch).containsOnly(0L);
        assertThat(storedWhenTheTokenWas).as("2 documents, 4 versions, 1 set, 2 lists").containsExactly(9L);
        Document a = documents.find("a").orElseThrow();
        assertThat(a.getString("title")).isEqualTo("third");
        assertThat(a.getList(AggregateViews.VERSIONS, Document.class)).hasSize(3);
        assertThat(ViewSets.members(sets.find("things").orElseThrow())).containsExactly("a", "b");
        assertThat(ViewLogs.upTo(lists.find("a").orElse(null), a)).extracting(entry -> entry.getString("title"))
                .containsExactly("first", "second", "third");
        assertThat(commands.stream().filter(name -> name.equals("update")).count())
                .as("one bulk write for each of the four collections").isEqualTo(4);
    }

    @Test
    void aChangeThatFailsLeavesTheDocumentAsTheBatchHadIt() {
        batch(List.of(
                () -> thing("a", 1, "first"),
                () -> {
                    try {
                        documents.apply("a", 2, AT, thing -> {
                            thing.put("title", "half done");
                            throw new IllegalStateException("poison");
                        });
                    } catch (IllegalStateException setAside) {
                        // A dead-lettering processor sets the event aside and goes on with the batch.
                    }
                    assertThat(documents.find("a").orElseThrow().getString("title")).isEqualTo("first");
                }),
              () -> { }, () -> { });

        assertThat(documents.find("a").orElseThrow().get(AggregateViews.SEQUENCE, Number.class).longValue())
                .isEqualTo(1);
    }

    @Test
    void aBatchHandledAgainAddsNothingTwiceAndStillAddsWhatIsNew() {
        batch(List.of(() -> thing("a", 1, "first"), () -> thing("a", 2, "second")), () -> { }, () -> { });

        batch(List.of(() -> thing("a", 2, "second"),
                      () -> lists.append("a", 2, new Document("title", "second")),
                      () -> thing("a", 3, "third")), () -> { }, () -> { });
        lists.append("a", 1, new Document("title", "first"));

        Document a = documents.find("a").orElseThrow();
        assertThat(a.getList(AggregateViews.VERSIONS, Document.class)).hasSize(3);
        assertThat(ViewLogs.upTo(lists.find("a").orElse(null), a)).extracting(entry -> entry.getString("title"))
                .containsExactly("first", "second", "third");
    }

    @Test
    void aFailedBatchSendsNothing() {
        assertThatThrownBy(() -> batch(List.of(() -> thing("a", 1, "first"), () -> {
            throw new IllegalStateException("the processor gives the batch up");
        }), () -> { }, () -> { })).hasMessageContaining("gives the batch up");

        assertThat(stored()).isZero();
    }

    @Test
    void outsideABatchEachWriteIsSentAtOnce() {
        thing("a", 1, "first");

        assertThat(stored()).isEqualTo(4);
    }

    @Test
    void aWriteIsSeenByItsBatchAtOnceAndByEveryoneElseWhenTheBatchEnds() {
        try (MongoClient elsewhere = MongoClients.create(MongoTestServer.connectionString())) {
            MongoDatabase seenElsewhere = elsewhere.getDatabase(database.getName());
            List<String> steps = new ArrayList<>();

            batch(List.of(
                    () -> {
                        thing("a", 1, "first");
                        steps.add("event 1 of 3 handled: the batch reads " + title("a") + ", elsewhere "
                                  + titles(seenElsewhere));
                    },
                    () -> {
                        steps.add("event 2 of 3 begins: the batch reads " + title("a") + ", elsewhere "
                                  + titles(seenElsewhere));
                        thing("a", 2, "second");
                        steps.add("event 2 of 3 handled: the batch reads " + title("a") + ", elsewhere "
                                  + titles(seenElsewhere));
                    },
                    () -> {
                        thing("b", 1, "other");
                        steps.add("event 3 of 3 handled: the batch reads " + title("b") + ", elsewhere "
                                  + titles(seenElsewhere));
                    }),
                  () -> { },
                  () -> steps.add("the token is stored: elsewhere " + titles(seenElsewhere) + ", "
                                  + seenElsewhere.getCollection(AggregateViews.historyOf("view_things"))
                                                 .countDocuments() + " versions"));
            steps.add("after the batch: elsewhere " + titles(seenElsewhere));

            assertThat(steps).containsExactly(
                    "event 1 of 3 handled: the batch reads first, elsewhere []",
                    "event 2 of 3 begins: the batch reads first, elsewhere []",
                    "event 2 of 3 handled: the batch reads second, elsewhere []",
                    "event 3 of 3 handled: the batch reads other, elsewhere []",
                    "the token is stored: elsewhere [a: second, b: other], 3 versions",
                    "after the batch: elsewhere [a: second, b: other]");
        }
    }

    @Test
    void aReadInTheBatchOfACollectionItHoldsUpdatesForSendsEveryWriteHeldThen() {
        try (MongoClient elsewhere = MongoClients.create(MongoTestServer.connectionString())) {
            MongoDatabase seenElsewhere = elsewhere.getDatabase(database.getName());
            List<String> steps = new ArrayList<>();

            batch(List.of(
                    () -> thing("a", 1, "first"),
                    () -> {
                        steps.add("before the read: elsewhere " + titles(seenElsewhere));
                        assertThat(ViewSets.members(sets.find("things").orElseThrow())).containsExactly("a");
                        steps.add("after the read of the set: elsewhere " + titles(seenElsewhere));
                        thing("b", 1, "other");
                    },
                    () -> steps.add("event 3 of 3: elsewhere " + titles(seenElsewhere))),
                  () -> { }, () -> { });
            steps.add("after the batch: elsewhere " + titles(seenElsewhere));

            assertThat(steps).containsExactly("before the read: elsewhere []",
                                              "after the read of the set: elsewhere [a: first]",
                                              "event 3 of 3: elsewhere [a: first]",
                                              "after the batch: elsewhere [a: first, b: other]");
        }
    }

    @Test
    void inAUnitOfWorkThatIsNotABatchTheWritesAreSentAsItCommits() {
        try (MongoClient elsewhere = MongoClients.create(MongoTestServer.connectionString())) {
            MongoDatabase seenElsewhere = elsewhere.getDatabase(database.getName());
            DefaultUnitOfWork<EventMessage<?>> retry = DefaultUnitOfWork.startAndGet(
                    GenericEventMessage.asEventMessage("a dead letter retried on its own"));

            thing("a", 1, "first");
            assertThat(title("a")).isEqualTo("first");
            assertThat(titles(seenElsewhere)).isEmpty();

            retry.commit();
            assertThat(titles(seenElsewhere)).containsExactly("a: first");
            assertThat(stored()).isEqualTo(4);
        }
    }

    /** One event of a thing: its document, its set and its list. */
    private void thing(String id, long sequence, String title) {
        documents.apply(id, sequence, AT.plusSeconds(sequence), thing -> {
            sets.add("things", id);
            lists.append(id, sequence, new Document("title", title));
            thing.put("title", title);
        });
    }

    /** The title of the thing as the views read it (in a batch: as the batch wrote it). */
    private String title(String id) {
        return documents.find(id).map(thing -> thing.getString("title")).orElse(null);
    }

    /** The things stored in MongoDB, as another client finds them. */
    private static List<String> titles(MongoDatabase database) {
        return database.getCollection("view_things").find().sort(new Document("_id", 1))
                       .map(thing -> thing.getString("_id") + ": " + thing.getString("title"))
                       .into(new ArrayList<>());
    }

    private long stored() {
        return database.getCollection("view_things").countDocuments()
               + database.getCollection(AggregateViews.historyOf("view_things")).countDocuments()
               + database.getCollection("view_thing_sets").countDocuments()
               + database.getCollection("view_thing_lists").countDocuments();
    }

    /**
     * Handles the events as a tracking processor handles a batch: in one unit of work, each through the processor's
     * interceptors, the first of which stores the token in the prepare-commit (registered at the first event).
     */
    private void batch(List<Runnable> events, Runnable afterEachEvent, Runnable whenTheTokenIsStored) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(GenericEventMessage.asEventMessage(i));
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        MessageHandlerInterceptor<EventMessage<?>> storesTheToken = (batch, chain) -> {
            if (unitOfWork.isFirstMessage()) {
                batch.onPrepareCommit(committing -> whenTheTokenIsStored.run());
            }
            return chain.proceed();
        };
        var result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(
                unitOfWork, List.of(storesTheToken, ViewWrites.SENT_AFTER_EACH_BATCH), message -> {
            events.get((Integer) message.getPayload()).run();
            if (!unitOfWork.isLastMessage()) {
                afterEachEvent.run();
            }
            return null;
        }).proceed());
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
    }
}
