package org.planningengine.query.feed;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The feed as a live stream of server-sent events: each event's SSE id is its position, so a client that reconnects
 * with {@code Last-Event-ID} goes on after the last one it received. Each stream looks at the log a few times a
 * second (a key lookup when nothing is new), which also finds the commits of other nodes; a comment every 15 s
 * keeps proxies from closing a quiet stream.
 */
@Component
public class FeedStreams implements DisposableBean {

    static final Duration POLL = Duration.ofMillis(200);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Feed feed;
    private final ScheduledExecutorService streams = Executors.newScheduledThreadPool(2, new ThreadFactory());

    public FeedStreams(Feed feed) {
        this.feed = feed;
    }

    /** A stream of the events the query asks for, from its cursor on, until the client goes away. */
    public SseEmitter open(Feed.Query query) {
        SseEmitter emitter = new SseEmitter(0L); // no timeout: the client decides how long it follows
        Stream stream = new Stream(emitter, query);
        stream.future = streams.scheduleWithFixedDelay(stream::send, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        emitter.onCompletion(stream::stop);
        emitter.onTimeout(stream::stop);
        emitter.onError(failure -> stream.stop());
        return emitter;
    }

    @Override
    public void destroy() {
        streams.shutdownNow();
    }

    /** One client's stream; its sends never overlap (a fixed-delay task). */
    private final class Stream {

        private final SseEmitter emitter;
        private Feed.Query query;
        private long quietSince = System.nanoTime();
        private volatile ScheduledFuture<?> future;

        Stream(SseEmitter emitter, Feed.Query query) {
            this.emitter = emitter;
            this.query = query;
        }

        void send() {
            try {
                Feed.Page page;
                do {
                    page = feed.page(query);
                    for (FeedEvent event : page.events()) {
                        emitter.send(SseEmitter.event().id(Long.toString(event.position())).name(event.type())
                                               .data(event, MediaType.APPLICATION_JSON));
                    }
                    if (!page.events().isEmpty()) {
                        quietSince = System.nanoTime();
                    }
                    query = query.after(page.next());
                } while (!page.caughtUp() && !page.events().isEmpty());
                if (System.nanoTime() - quietSince > HEARTBEAT.toNanos()) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    quietSince = System.nanoTime();
                }
            } catch (IOException | IllegalStateException gone) { // the client left, or the emitter was completed
                stop();
            } catch (RuntimeException failed) {
                emitter.completeWithError(failed);
                stop();
            }
        }

        void stop() {
            ScheduledFuture<?> running = future;
            if (running != null) {
                running.cancel(false);
            }
        }
    }

    private static final class ThreadFactory implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "feed-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
