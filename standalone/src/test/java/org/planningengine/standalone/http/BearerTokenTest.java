package org.planningengine.standalone.http;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.planningengine.events.EventMetadata;
import org.planningengine.standalone.PlanningEngineApplication;
import org.planningengine.standalone.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production setting: an OAuth2 resource server taking bearer tokens (JWT) of the organisation's identity
 * provider, the user named by {@code preferred_username} and its roles under {@code realm_access.roles}, as Keycloak
 * issues them. The provider is stood in for by a key pair whose public half the engine is given.
 */
@SpringBootTest(classes = PlanningEngineApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"planning.embedded-mongo.backend=MEMORY", "spring.application.name=bearer-tokens",
                "planning.security.jwt.principal-claim=preferred_username",
                "planning.security.jwt.roles-claim=realm_access.roles"})
class BearerTokenTest {

    private static final KeyPair PROVIDER = keyPair();
    private static final KeyPair IMPOSTOR = keyPair();

    @DynamicPropertySource
    static void providersPublicKey(DynamicPropertyRegistry registry) {
        try {
            Path key = Files.createTempFile("provider", ".pub");
            key.toFile().deleteOnExit();
            Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n"
                                   + Base64.getMimeEncoder().encodeToString(PROVIDER.getPublic().getEncoded())
                                   + "\n-----END PUBLIC KEY-----\n");
            registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aLeadsTokenAllocatesItsOwnTeamsCapacityOnlyAndItsUserIsTheActor() throws Exception {
        String planner = token("maria", List.of("PLANNER"), PROVIDER, 3600);
        for (String write : List.of(
                "POST /api/cycles {\"id\": \"jwt-c\", \"name\": \"C\", \"startDate\": \"2030-01-01\", \"endDate\": \"2030-06-30\"}",
                "POST /api/teams {\"id\": \"jwt-payments\", \"name\": \"Payments\"}",
                "POST /api/teams {\"id\": \"jwt-search\", \"name\": \"Search\"}",
                "PUT /api/cycles/jwt-c/teams/jwt-payments/capacity {\"personWeeks\": 10}",
                "PUT /api/cycles/jwt-c/teams/jwt-search/capacity {\"personWeeks\": 10}",
                "POST /api/initiatives {\"id\": \"jwt-p\", \"cycleId\": \"jwt-c\", \"teamId\": \"jwt-payments\", \"title\": \"P\", \"category\": \"KTLO\"}",
                "POST /api/initiatives {\"id\": \"jwt-s\", \"cycleId\": \"jwt-c\", \"teamId\": \"jwt-search\", \"title\": \"S\", \"category\": \"KTLO\"}")) {
            String[] parts = write.split(" ", 3);
            assertThat(send(parts[0], parts[1], "Bearer " + planner, parts[2]).statusCode()).as(write).isBetween(200, 201);
        }
        String lead = "Bearer " + token("li", List.of("LEAD:jwt-payments", "offline_access"), PROVIDER, 3600);

        HttpResponse<String> own = send("POST", "/api/cycles/jwt-c/teams/jwt-payments/allocations", lead,
                                        "{\"initiativeId\": \"jwt-p\", \"personWeeks\": 2}");
        HttpResponse<String> other = send("POST", "/api/cycles/jwt-c/teams/jwt-search/allocations", lead,
                                          "{\"initiativeId\": \"jwt-s\", \"personWeeks\": 2}");

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(other.body()).contains("'li' may not POST /api/cycles/jwt-c/teams/jwt-search/allocations: "
                                          + "that needs LEAD:jwt-search or the role PLANNER");
        assertThat(eventStore.readEvents("team-plan:jwt-c/jwt-payments").asStream()
                             .map(event -> event.getMetaData().get(EventMetadata.ACTOR)).toList())
                .containsExactly("maria", "li");
    }

    @Test
    void aTokenWithoutRolesOfTheEngineReadsNothing() {
        String nobody = "Bearer " + token("guest", List.of("offline_access"), PROVIDER, 3600);

        HttpResponse<String> read = send("GET", "/api/cycles", nobody, null);

        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(read.body()).contains("that needs the role VIEWER");
    }

    @Test
    void anExpiredTokenOneOfAnotherIssuerAndAPasswordAreUnauthenticated() {
        String expired = "Bearer " + token("maria", List.of("PLANNER"), PROVIDER, -3600);
        String forged = "Bearer " + token("maria", List.of("PLANNER"), IMPOSTOR, 3600);

        for (String authorization : List.of(expired, forged, TestUsers.basic("planner"))) {
            HttpResponse<String> response = send("GET", "/api/cycles", authorization, null);
            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        }
        assertThat(send("GET", "/api/cycles", expired, null).body()).contains("the bearer token was refused")
                                                                     .contains("expired");
    }

    @Test
    void usersAreTheIdentityProvidersNotTheEngines() {
        String admin = "Bearer " + token("root", List.of("ADMIN"), PROVIDER, 3600);

        HttpResponse<String> list = send("GET", "/api/admin/users", admin, null);

        assertThat(list.statusCode()).isEqualTo(409);
        assertThat(list.body()).contains("users are kept by the identity provider");
    }

    private static String token(String user, List<String> roles, KeyPair signer, long secondsValid) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("id-of-" + user)
                .claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", roles))
                .issueTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.plusSeconds(secondsValid)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                        .header("Content-Type", "application/json")
                                        .header("Authorization", authorization)
                                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                                                     : HttpRequest.BodyPublishers.ofString(body))
                                        .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
