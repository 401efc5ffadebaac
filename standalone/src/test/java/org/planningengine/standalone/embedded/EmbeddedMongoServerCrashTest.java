package org.planningengine.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * An acknowledged write survives a SIGKILL of the process that runs the durable H2 backend.
 * <p>
 * The child ({@link AckingWriterMain}) inserts one document at a time and prints {@code ACK <n>} once the driver
 * has the acknowledgement; the parent kills it with {@link Process#destroyForcibly()} (SIGKILL on Linux) after at
 * least {@value #ACKS_BEFORE_KILL} acknowledgements, while it is still writing, and then reopens the folder.
 */
class EmbeddedMongoServerCrashTest {

    private static final int ACKS_BEFORE_KILL = 300;
    private static final int SIGKILL_EXIT_CODE = 128 + 9;
    /** Only a guard against a hung child; the test never waits on it in the normal course. */
    private static final long WATCHDOG_SECONDS = 50;

    @TempDir
    Path tempDir;

    @Test
    void everyAcknowledgedInsertSurvivesAKill() throws Exception {
        Path dataDirectory = tempDir.resolve("data");
        Path childErrors = tempDir.resolve("child-stderr.txt");
        Process child = startWriter(dataDirectory, childErrors);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.schedule(child::destroyForcibly, WATCHDOG_SECONDS, TimeUnit.SECONDS);
        List<Long> acknowledged = new ArrayList<>();
        try (BufferedReader childOut = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = childOut.readLine()) != null) {
                if (line.startsWith(AckingWriterMain.ACK_PREFIX)) {
                    acknowledged.add(Long.parseLong(line.substring(AckingWriterMain.ACK_PREFIX.length()).trim()));
                    if (acknowledged.size() == 1) {
                        // the child holds the store now: a second opener in another process must be refused
                        assertSecondProcessIsRefused(dataDirectory);
                    }
                }
            }
            assertThat(acknowledged)
                    .as("acknowledgements before the child ended; its stderr: %s", readQuietly(childErrors))
                    .hasSize(ACKS_BEFORE_KILL);
            child.destroyForcibly();
            assertThat(child.waitFor()).as("exit code of a SIGKILLed child").isEqualTo(SIGKILL_EXIT_CODE);
        } finally {
            child.destroyForcibly();
            watchdog.shutdownNow();
        }

        assertThat(acknowledged).as("the child acknowledges 1, 2, 3, ... in order")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, ACKS_BEFORE_KILL).boxed().toList());
        try (EmbeddedMongoServer reopened = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0));
             MongoClient client = MongoClients.create(reopened.connectionString())) {
            Set<Long> stored = new HashSet<>();
            client.getDatabase(AckingWriterMain.DATABASE).getCollection(AckingWriterMain.COLLECTION)
                    .find().projection(new Document("_id", 1))
                    .forEach(document -> stored.add(document.getLong("_id")));
            // the child may have stored a few more that it had no time to report: only the reported ones count
            assertThat(stored).containsAll(acknowledged);
        }
    }

    private static void assertSecondProcessIsRefused(Path dataDirectory) throws IOException {
        String folder = dataDirectory.toRealPath().toString();
        assertThatThrownBy(() -> EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0)).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(folder)
                .hasMessageContaining("in use by another process");
    }

    private static Process startWriter(Path dataDirectory, Path childErrors) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java,
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                AckingWriterMain.class.getName(), dataDirectory.toString());
        return new ProcessBuilder(command)
                .redirectError(childErrors.toFile())
                .start();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
