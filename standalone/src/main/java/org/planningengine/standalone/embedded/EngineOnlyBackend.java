package org.planningengine.standalone.embedded;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * A backend that serves a connection only once it has authenticated, with SCRAM-SHA-256, as the one user whose
 * password this process chose at start and keeps to itself. mongo-java-server has no authentication of its own
 * and no hook in its Netty pipeline, but every request reaches the backend with its channel: the gate is here.
 * <p>
 * Before authenticating a connection may only say hello and authenticate: the driver's monitoring connections,
 * which never authenticate, need no more. Everything else, reads and writes alike, is refused with MongoDB's
 * {@code Unauthorized} (13), and nothing reaches the wrapped backend.
 */
final class EngineOnlyBackend implements MongoBackend {

    static final String USER = "planning-engine";

    private static final AttributeKey<Boolean> AUTHENTICATED = AttributeKey.valueOf("planning.engine-only.authenticated");
    private static final AttributeKey<ScramSha256Server.Challenge> CHALLENGE =
            AttributeKey.valueOf("planning.engine-only.challenge");
    private static final int CONVERSATION_ID = 1;
    private static final int UNAUTHORIZED = 13;
    private static final int AUTHENTICATION_FAILED = 18;
    private static final String MECHANISM = "SCRAM-SHA-256";
    /**
     * Lower-case names of what an unauthenticated connection may send. The driver asks {@code getlasterror} on
     * every new connection, monitors included, for the connection's id (mongo-java-server's hello has none); it
     * reports only that connection's own last error.
     */
    private static final Set<String> BEFORE_AUTHENTICATION = Set.of("ismaster", "hello", "ping", "saslstart",
                                                                    "saslcontinue", "getlasterror");

    private final MongoBackend backend;
    private final ScramSha256Server scram;

    EngineOnlyBackend(MongoBackend backend, String password, SecureRandom random) {
        this.backend = backend;
        this.scram = new ScramSha256Server(USER, password, random);
    }

    /**
     * Reached only by legacy OP_QUERY commands ({@code db.$cmd}): OP_MSG goes through {@link #handleMessage}. On
     * that path mongo-java-server closes the connection on an exception, so a refusal is answered as a document.
     */
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            Document authentication = authenticate(channel, command, query);
            return authentication != null ? authentication : backend.handleCommand(channel, database, command, query);
        } catch (MongoServerError refused) {
            if (refused.getCode() != UNAUTHORIZED && refused.getCode() != AUTHENTICATION_FAILED) {
                throw refused;
            }
            return refusal(refused);
        }
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        String command = query.isEmpty() ? "" : query.keySet().iterator().next();
        Document authentication = authenticate(message.getChannel(), command, query);
        return authentication != null ? authentication : backend.handleMessage(message);
    }

    /** A legacy OP_QUERY read: refused with an error document in place of the documents. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        if (!authenticated(query.getChannel())) {
            return new QueryResult(List.of(refusal(unauthorized("query"))), 0);
        }
        return backend.handleQuery(query);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return authenticated(query.getChannel()) ? backend.getCurrentOperations(query) : List.of();
    }

    /**
     * Reached only from a legacy {@code serverStatus} query, which does not say which connection asked (the OP_MSG
     * command goes through {@link #handleMessage}, and the backend answers it itself): refused, as no client of ours
     * sends it.
     */
    @Override
    public Document getServerStatus() {
        return refusal(unauthorized("serverStatus"));
    }

    /** Answers the SASL commands itself; null when the command goes on to the backend (refused if not allowed). */
    private Document authenticate(Channel channel, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("saslstart")) {
            return saslStart(channel, query);
        }
        if (name.equals("saslcontinue")) {
            return saslContinue(channel, query);
        }
        if (!BEFORE_AUTHENTICATION.contains(name)) {
            requireAuthenticated(channel, command);
        }
        return null;
    }

    private Document saslStart(Channel channel, Document query) {
        channel.attr(AUTHENTICATED).set(null);
        channel.attr(CHALLENGE).set(null);
        if (!MECHANISM.equals(query.get("mechanism"))) {
            throw authenticationFailed();
        }
        ScramSha256Server.Challenge challenge;
        try {
            challenge = scram.start(payload(query));
        } catch (ScramSha256Server.ScramFailure e) {
            throw authenticationFailed();
        }
        channel.attr(CHALLENGE).set(challenge);
        return saslAnswer(false, challenge.serverFirst().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private Document saslContinue(Channel channel, Document query) {
        ScramSha256Server.Challenge challenge = channel.attr(CHALLENGE).getAndSet(null);
        if (challenge == null || !(query.get("conversationId") instanceof Number id) || id.intValue() != CONVERSATION_ID) {
            throw authenticationFailed();
        }
        byte[] serverFinal;
        try {
            serverFinal = scram.finish(challenge, payload(query));
        } catch (ScramSha256Server.ScramFailure e) {
            throw authenticationFailed();
        }
        channel.attr(AUTHENTICATED).set(Boolean.TRUE);
        return saslAnswer(true, serverFinal);
    }

    private static byte[] payload(Document query) {
        Object payload = query.get("payload");
        if (payload instanceof BinData binary) {
            return binary.getData();
        }
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        throw authenticationFailed();
    }

    private static Document saslAnswer(boolean done, byte[] payload) {
        Document answer = new Document("conversationId", CONVERSATION_ID);
        answer.put("done", done);
        answer.put("payload", new BinData(payload));
        answer.put("ok", 1.0);
        return answer;
    }

    private static boolean authenticated(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(AUTHENTICATED).get());
    }

    private static void requireAuthenticated(Channel channel, String what) {
        if (!authenticated(channel)) {
            throw unauthorized(what);
        }
    }

    private static MongoServerError unauthorized(String what) {
        return new MongoServerError(UNAUTHORIZED, "Unauthorized", what + " requires authentication");
    }

    /** The error as MongoDB answers it in a reply document. */
    private static Document refusal(MongoServerError error) {
        Document refusal = new Document("ok", 0.0);
        refusal.put("errmsg", error.getMessageWithoutErrorCode());
        refusal.put("$err", error.getMessageWithoutErrorCode());
        refusal.put("code", error.getCode());
        refusal.put("codeName", error.getCodeName());
        return refusal;
    }

    /** Says no more than MongoDB does: which check failed stays in the server. */
    private static MongoServerError authenticationFailed() {
        return new MongoServerError(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed.");
    }

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        backend.dropDatabase(database);
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }
}
