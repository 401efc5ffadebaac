package org.planningengine.query.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/** A webhook receiver on the loopback (the JDK's HTTP server): keeps every request, answers as it is told. */
final class Receiver implements AutoCloseable {

    record Received(String deliveryId, String type, long position, String signature, String body) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile ToIntFunction<Received> answer = request -> 200;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** What to answer each request from now on: a status code (a negative one never answers). */
    void answer(ToIntFunction<Received> answer) {
        this.answer = answer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(exchange.getRequestHeaders().getFirst("Planning-Delivery"),
                                        exchange.getRequestHeaders().getFirst("Planning-Event"),
                                        Long.parseLong(exchange.getRequestHeaders().getFirst("Planning-Position")),
                                        exchange.getRequestHeaders().getFirst(Signatures.HEADER), body);
        received.add(request);
        int status = answer.applyAsInt(request);
        if (status < 0) {
            try {
                Thread.sleep(60_000); // a receiver that never answers
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
