package org.planningengine.benchmarks;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the commands an engine sends to MongoDB, by command, collection and the fields its filter names: how many
 * round trips an operation costs is what explains most figures, and where they go says what to fix.
 */
@Configuration(proxyBeanMethods = false)
class MongoCommands {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Bean
    MongoClientSettingsBuilderCustomizer countCommands() {
        return settings -> settings.addCommandListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                counts.computeIfAbsent(describe(event), key -> new LongAdder()).increment();
            }
        });
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void reset() {
        counts.clear();
    }

    /** Each kind of command with its count per operation, most frequent first. */
    String perOperation(long operations) {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(counts).entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .filter(entry -> entry.getValue().sum() * 100 >= operations) // at least one in a hundred
                .forEach(entry -> lines.append(String.format("    %6.2f  %s%n",
                                                             entry.getValue().sum() / (double) operations,
                                                             entry.getKey())));
        return lines.toString();
    }

    private static String describe(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        String name = event.getCommandName();
        BsonValue collection = command.get(name);
        String filter = "";
        for (String key : new String[]{"filter", "updates", "deletes"}) {
            BsonValue value = command.get(key);
            if (value != null && value.isArray() && !value.asArray().isEmpty()) {
                value = value.asArray().get(0).asDocument().get("q");
            }
            if (value != null && value.isDocument()) {
                filter = " " + value.asDocument().keySet();
            }
        }
        return name + " " + (collection != null && collection.isString() ? collection.asString().getValue() : "")
               + filter;
    }
}
