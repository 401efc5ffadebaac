package org.planningengine.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's first start, with no users configured: an {@code admin} is created with a random password, printed to
 * the log once; it signs in with it after a restart too, which prints nothing; another first start gets another
 * password.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTest {

    private static final Pattern PRINTED = Pattern.compile("created with the password\\s+(\\S+)");

    private final HttpClient http = HttpClient.newHttpClient();

    /** The engine as a newcomer starts it: the application's own settings, none of the tests' users. */
    private static ConfigurableApplicationContext engine(Path dataDir) {
        return new SpringApplicationBuilder(PlanningEngineApplication.class)
                .run("--server.port=0", "--spring.config.location=classpath:/application.yml",
                     "--planning.embedded-mongo.data-dir=" + dataDir, "--spring.application.name=first-start");
    }

    @Test
    void theFirstAdministratorsPasswordIsPrintedOnceAndHoldsAcrossRestarts(@TempDir Path dataDir,
                                                                            @TempDir Path otherDataDir,
                                                                            CapturedOutput output) throws Exception {
        String password;
        try (ConfigurableApplicationContext first = engine(dataDir)) {
            Matcher printed = PRINTED.matcher(output.getOut());
            assertThat(printed.find()).as("the password in the log").isTrue();
            password = printed.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(24);
            assertThat(status(first, TestUsers.basic("admin", password))).isEqualTo(200);
            assertThat(status(first, TestUsers.basic("admin", "admin"))).isEqualTo(401);
        }
        int printedSoFar = output.getOut().length();

        try (ConfigurableApplicationContext restarted = engine(dataDir)) {
            assertThat(output.getOut().substring(printedSoFar)).doesNotContain("created with the password")
                                                               .doesNotContain(password);
            assertThat(status(restarted, TestUsers.basic("admin", password))).isEqualTo(200);
        }

        try (ConfigurableApplicationContext another = engine(otherDataDir)) {
            Matcher printed = PRINTED.matcher(output.getOut().substring(printedSoFar));
            assertThat(printed.find()).isTrue();
            assertThat(printed.group(1)).isNotEqualTo(password);
        }
    }

    private int status(ConfigurableApplicationContext engine, String authorization) throws Exception {
        String port = engine.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/users"))
                                         .header("Authorization", authorization).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
