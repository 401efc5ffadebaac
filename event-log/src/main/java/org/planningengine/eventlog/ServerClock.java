package org.planningengine.eventlog;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * The database server's clock, the one every reader on every node judges a reservation's age by: the same clock that
 * stamps reservations ({@code $currentDate}), read from the handshake command's {@code localTime}. Asked by its old
 * name, {@code isMaster}, which MongoDB still answers (the drivers' own handshake uses it) and mongo-java-server knows
 * alone; a MongoDB held to its stable API refuses it and is asked {@code hello}.
 */
final class ServerClock {

    private static final String HELLO = "hello";
    private static final String IS_MASTER = "isMaster";

    private final MongoDatabase database;
    private volatile String command = IS_MASTER;

    ServerClock(MongoDatabase database) {
        this.database = database;
    }

    Instant now() {
        Document answer;
        try {
            answer = database.runCommand(new Document(command, 1));
        } catch (MongoCommandException unknown) {
            if (!command.equals(IS_MASTER)) {
                throw unknown;
            }
            command = HELLO;
            answer = database.runCommand(new Document(command, 1));
        }
        Date localTime = answer.getDate("localTime");
        if (localTime == null) {
            throw new EventStoreException("The database server did not tell its time (" + command + ")");
        }
        return localTime.toInstant();
    }
}
