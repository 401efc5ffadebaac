package org.planningengine.standalone.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.command.imports.ImportCommandLine;
import org.planningengine.standalone.TestUsers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code planning-engine import}: a file sent to a running engine, followed until done. */
class ImportCommandLineTest extends HttpTestBase {

    @TempDir
    Path folder;

    @Test
    void importsAFileFollowingItToTheEndAndRefusesABadOne() throws IOException {
        api.write("/api/cycles", """
                {"id": "cli-s1", "name": "CLI", "startDate": "2041-04-01", "endDate": "2041-09-30"}""");
        api.write("/api/teams", "{\"id\": \"cli-team\", \"name\": \"Command line\"}");
        Path file = Files.writeString(folder.resolve("plan.csv"), """
                Title,Team,Category,Reach,Impact,Confidence,Effort
                Terminal UI,cli-team,NEW_INITIATIVE,100,2,90,1.5
                """);
        Path bad = Files.writeString(folder.resolve("bad.csv"), """
                Title,Team,Category,Reach,Impact,Confidence,Effort
                Terminal UI,cli-team,NEW_INITIATIVE,100,2,90,XXL
                """);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int done = ImportCommandLine.run(new String[]{"--url", "http://localhost:" + port, "--user", "maria",
                                                      "--password", TestUsers.PASSWORD, "--cycle", "cli-s1",
                                                      "--effort-unit", "person-months", file.toString()},
                                         new PrintStream(printed, true, StandardCharsets.UTF_8));
        ByteArrayOutputStream refusal = new ByteArrayOutputStream();
        int refused = ImportCommandLine.run(new String[]{"--url", "http://localhost:" + port, "--user", "maria",
                                                         "--password", TestUsers.PASSWORD, "--cycle", "cli-s1",
                                                         "--effort-unit", "t-shirt", bad.toString()},
                                            new PrintStream(refusal, true, StandardCharsets.UTF_8));

        assertThat(done).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("of plan.csv: 1 rows; ", "person-months, × 52/12",
                          "DONE: events {\"InitiativeProposed\":1,\"InitiativeScored\":1}, 0 rows imported before");
        awaitAllViews();
        assertThat(api.get("/api/cycles/cli-s1/roadmap").body().get("items").get(0).get("rice").get("effort").asText())
                .isEqualTo("6.5");
        assertThat(refused).isEqualTo(1);
        assertThat(refusal.toString(StandardCharsets.UTF_8))
                .contains("refused (422)", "line 2: effort as a T-shirt size must be XS, S, M, L or XL (was XXL)");
        assertThat(ImportCommandLine.run(new String[]{"plan.csv"}, new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
    }
}
