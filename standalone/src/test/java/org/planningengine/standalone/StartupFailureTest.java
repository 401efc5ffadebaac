package org.planningengine.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A start that cannot succeed says why in words, and what to change. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @TempDir
    Path tempDir;

    private static void start(String... arguments) {
        new SpringApplicationBuilder(PlanningEngineApplication.class).run(arguments).close();
    }

    @Test
    void anUnusableDataFolderIsNamedWithWhatToChange(CapturedOutput output) throws Exception {
        Path aFile = Files.createFile(tempDir.resolve("a-file"));
        Path underAFile = aFile.resolve("data");

        assertThatThrownBy(() -> start("--server.port=0", "--planning.embedded-mongo.data-dir=" + underAFile))
                .hasRootCauseInstanceOf(java.nio.file.FileSystemException.class);

        assertThat(output).contains("The embedded MongoDB server could not start")
                          .contains(underAFile.toString())
                          .contains("planning.embedded-mongo.data-dir");
    }

    @Test
    void aBusyHttpPortIsNamed(CapturedOutput output) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            assertThatThrownBy(() -> start("--server.port=" + busy.getLocalPort(),
                                           "--planning.embedded-mongo.data-dir=" + tempDir.resolve("data")))
                    .isInstanceOf(Exception.class);

            assertThat(output).contains("Port " + busy.getLocalPort() + " was already in use");
        }
    }

    @Test
    void aBusyEmbeddedMongoPortIsNamed(CapturedOutput output) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> start("--server.port=0",
                                           "--planning.embedded-mongo.port=" + busy.getLocalPort(),
                                           "--planning.embedded-mongo.data-dir=" + tempDir.resolve("data")))
                    .isInstanceOf(Exception.class);

            assertThat(output).contains("The embedded MongoDB server could not start")
                              .contains(String.valueOf(busy.getLocalPort()))
                              .contains("already in use");
        }
    }
}
