package org.planningengine.standalone.distributed;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.planningengine.commandside.CommandSideApplication;
import org.planningengine.queryside.QuerySideApplication;
import org.planningengine.standalone.RawHttp;
import org.planningengine.standalone.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each side run alone answers its errors as the standalone engine does: problem+json in the engine's words for an
 * unknown path, a wrong method, an unknown query parameter and a path the container or the firewall refuse (the
 * query side has no exception handler of Spring's, so there they come through {@code /error}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SidesAloneProblemsTest {

    private static final String ADMIN = TestUsers.basic(TestUsers.TESTER);

    private MongoServer mongo;
    private ConfigurableApplicationContext commandSide;
    private ConfigurableApplicationContext querySide;

    @BeforeAll
    void start() {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/planning";
        commandSide = start(CommandSideApplication.class, "command-side", uri);
        querySide = start(QuerySideApplication.class, "query-side", uri);
    }

    private static ConfigurableApplicationContext start(Class<?> application, String settings, String uri) {
        return new SpringApplicationBuilder(application).properties("spring.config.name=" + settings)
                .run("--server.port=0", "--spring.data.mongodb.uri=" + uri, "--management.server.port=",
                     "--planning.security.users.tester.password=" + TestUsers.HASH,
                     "--planning.security.users.tester.roles=ADMIN");
    }

    @AfterAll
    void stop() {
        for (ConfigurableApplicationContext side : new ConfigurableApplicationContext[]{querySide, commandSide}) {
            if (side != null) {
                side.close();
            }
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    @Test
    void theCommandSideAnswersProblems() throws IOException {
        int port = port(commandSide);
        // The command side opens only the /api paths it has rules for: any other is closed, not unknown.
        RawHttp.assertProblem(RawHttp.send(port, "GET", "/api/nothing-here", ADMIN), 403, "forbidden");
        RawHttp.assertProblem(RawHttp.send(port, "GET", "/nothing-here", ADMIN), 404, "unknown-path");
        RawHttp.Answer wrongMethod = RawHttp.send(port, "GET", "/api/cycles/x/commit", ADMIN);
        RawHttp.assertProblem(wrongMethod, 405, "method-not-allowed");
        assertThat(wrongMethod.headers().get("allow")).contains("POST");
        RawHttp.assertProblem(RawHttp.send(port, "GET", "/api/admin/users?name=x", ADMIN), 400, "malformed-request");
        unreadablePathsAreProblems(port);
    }

    @Test
    void theQuerySideAnswersProblems() throws IOException {
        int port = port(querySide);
        RawHttp.assertProblem(RawHttp.send(port, "GET", "/api/nothing-here", ADMIN), 404, "unknown-path");
        RawHttp.assertProblem(RawHttp.send(port, "GET", "/nothing-here", ADMIN), 404, "unknown-path");
        RawHttp.Answer wrongMethod = RawHttp.send(port, "DELETE", "/api/cycles", ADMIN);
        RawHttp.assertProblem(wrongMethod, 405, "method-not-allowed");
        assertThat(wrongMethod.headers().get("allow")).contains("GET");
        assertThat(wrongMethod.body()).contains("it takes GET");
        RawHttp.assertProblem(RawHttp.send(port, "GET", "/api/cycles?limit=1", ADMIN), 400, "malformed-request");
        unreadablePathsAreProblems(port);
    }

    private static void unreadablePathsAreProblems(int port) throws IOException {
        for (String path : RawHttp.UNREADABLE_PATHS) {
            RawHttp.Answer answer = RawHttp.send(port, "GET", path, ADMIN);
            assertThat(answer.status()).as(path + ": " + answer.body()).isIn(400, 404);
            RawHttp.assertProblem(answer, answer.status(),
                                  answer.status() == 400 ? "malformed-request" : "unknown-path");
        }
    }

    private static int port(ConfigurableApplicationContext side) {
        return ((WebServerApplicationContext) side).getWebServer().getPort();
    }
}
