package org.planningengine.command.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import com.mongodb.client.model.Filters;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.web.CommandSender;
import org.planningengine.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Imports files of initiatives or OKRs into a cycle. Every row is checked before anything is sent; a dry run stops
 * there and answers what would be appended. An import then runs on its own thread, sending each row's commands as
 * the user who sent the file, with the import's id as correlation id and in the reason, and keeps its status in
 * MongoDB (collection {@code imports}), where any command side answers it. The same file sent again is the same
 * import: done, it appends nothing; failed or abandoned, it is run again, and rows the log already holds are passed.
 */
@Component
public class Imports implements DisposableBean {

    public enum Kind {
        INITIATIVES, OKRS
    }

    public enum Mode {
        ALL_OR_NOTHING("all-or-nothing"), SKIP_BAD_ROWS("skip-bad-rows");

        final String parameter;

        Mode(String parameter) {
            this.parameter = parameter;
        }

        public static Mode of(String value) {
            if (value == null || value.isBlank()) {
                return ALL_OR_NOTHING;
            }
            for (Mode mode : values()) {
                if (mode.parameter.equalsIgnoreCase(value.strip())) {
                    return mode;
                }
            }
            throw new RuleViolated("mode", "mode must be all-or-nothing or skip-bad-rows (was " + value + ")");
        }
    }

    /** The import's status, and whether this request started it (else it was started, or done, before). */
    public record Submitted(ImportStatus status, boolean started) {
    }

    static final String COLLECTION = "imports";
    private static final Logger log = LoggerFactory.getLogger(Imports.class);
    /** An import whose status has not moved for this long was abandoned (its engine stopped): sent again, it runs. */
    private static final Duration ABANDONED = Duration.ofMinutes(1);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(1);

    private final PlanRegistry registry;
    private final EventStorageEngine events;
    private final CommandSender sender;
    private final MongoCollection<Document> statuses;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final ExecutorService runner = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "import");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Boolean> runningHere = new ConcurrentHashMap<>();

    Imports(PlanRegistry registry, EventStorageEngine events, CommandSender sender, MongoDatabase planningDatabase,
            ObjectMapper json, MeterRegistry meters) {
        this.registry = registry;
        this.events = events;
        this.sender = sender;
        this.statuses = planningDatabase.getCollection(COLLECTION);
        this.json = json;
        this.meters = meters;
    }

    public Submitted submit(Kind kind, String cycleId, byte[] content, ImportFile.Format format, Scales scales, Mode mode,
                     boolean dryRun) {
        Rules.requireOpenCycle("cycleId", cycleId, registry);
        ImportFile file = ImportFile.read(content, format,
                                          kind == Kind.INITIATIVES ? InitiativeImport.COLUMNS : OkrImport.COLUMNS);
        String id = "import-" + sha256(kind + "\n" + cycleId + "\n" + file.sha256()).substring(0, 16);
        PlanRegistry remembering = new RememberingRegistry(registry);
        ImportPlan plan = kind == Kind.INITIATIVES
                          ? InitiativeImport.plan(cycleId, id, file, scales, remembering, events)
                          : OkrImport.plan(cycleId, id, file, remembering);
        plan.teams().forEach(Caller::requireLeadOf);
        List<String> rules = kind == Kind.INITIATIVES ? scales.rules() : List.of();
        Run run = new Run(new ImportStatus(id, kind.name(), cycleId, dryRun ? ImportStatus.DRY_RUN
                                                                            : ImportStatus.RUNNING,
                                           mode.parameter, Caller.name(), file.sha256(), file.columns(),
                                           file.ignored(), rules, file.rows().size(), plan.problems().size(),
                                           0, 0, Map.of(), plan.problems(), null, Instant.now(), Instant.now(), null));
        if (dryRun) {
            plan.rows().forEach(row -> run.row(row, step -> {
            }));
            return new Submitted(run.status(ImportStatus.DRY_RUN, null), false);
        }
        if (!plan.problems().isEmpty() && mode == Mode.ALL_OR_NOTHING) {
            throw new RowsRefused(plan.problems(), file.rows().size());
        }
        Optional<ImportStatus> before = find(cycleId, id);
        if (before.isPresent() && !mayRunAgain(before.get())) {
            return new Submitted(before.get(), false);
        }
        ImportStatus started = run.status(ImportStatus.RUNNING, null);
        if (!claim(started, before)) {
            return new Submitted(find(cycleId, id).orElseThrow(), false);
        }
        runningHere.put(id, true);
        runner.execute(() -> execute(plan, run, mode));
        return new Submitted(started, true);
    }

    public Optional<ImportStatus> find(String cycleId, String importId) {
        return Optional.ofNullable(statuses.find(Filters.eq("_id", importId)).first())
                       .map(this::fromDocument).filter(status -> status.cycleId().equals(cycleId));
    }

    private void execute(ImportPlan plan, Run run, Mode mode) {
        ImportStatus start = run.status(ImportStatus.RUNNING, null);
        log.info("Import {} of {} into cycle {} by {}: {} rows", start.id(), start.kind(), start.cycleId(),
                 start.actor(), start.rows());
        Instant reported = Instant.now();
        String failure = null;
        try {
            for (ImportPlan.PlannedRow row : plan.rows()) {
                try {
                    run.row(row, step -> sender.sendAs(start.actor(), step.command(), start.id(), row.reason()));
                } catch (RuntimeException refused) {
                    // The plan changed since the rows were checked (the cycle closed, say).
                    run.refused(problem(row.line(), refused));
                    if (mode == Mode.ALL_OR_NOTHING) {
                        failure = "line " + row.line() + ": " + refused.getMessage() + "; the rows before it were "
                                  + "imported, and sending the file again imports the rest";
                        break;
                    }
                }
                if (Duration.between(reported, Instant.now()).compareTo(REPORT_EVERY) >= 0) {
                    reported = Instant.now();
                    ImportStatus now = run.status(ImportStatus.RUNNING, null);
                    save(now);
                    log.info("Import {}: {} of {} rows ({}%)", now.id(), now.rowsDone(), now.rows(),
                             Math.round(now.progress() * 100));
                }
            }
        } catch (RuntimeException unexpected) {
            log.error("Import {} failed", start.id(), unexpected);
            failure = "the import failed on the server: " + unexpected.getMessage()
                      + "; sending the file again imports the rows not yet imported";
        } finally {
            ImportStatus end = run.status(failure == null ? ImportStatus.DONE : ImportStatus.FAILED, failure);
            save(end);
            runningHere.remove(start.id());
            // Planning metrics: imports by kind and outcome, and the rows they brought in.
            meters.counter("planning.imports", "kind", end.kind(), "status", end.status()).increment();
            meters.counter("planning.imports.rows", "kind", end.kind()).increment(end.rowsDone());
            log.info("Import {}: {}, {} of {} rows, events {}, {} already imported, {} refused", end.id(),
                     end.status(), end.rowsDone(), end.rows(), end.events(), end.alreadyImported(),
                     end.badRows().size());
        }
    }

    /** A failed import, or one abandoned by an engine that stopped, runs again when the file is sent again. */
    private boolean mayRunAgain(ImportStatus status) {
        return status.status().equals(ImportStatus.FAILED)
               || status.running() && !runningHere.containsKey(status.id())
                  && status.updatedAt().isBefore(Instant.now().minus(ABANDONED));
    }

    /** Stores the started import, unless another request started it first. */
    private boolean claim(ImportStatus started, Optional<ImportStatus> before) {
        try {
            if (before.isEmpty()) {
                statuses.insertOne(toDocument(started));
                return true;
            }
            return statuses.replaceOne(Filters.and(Filters.eq("_id", started.id()),
                                                   Filters.eq("updatedAt", before.get().updatedAt().toString())),
                                       toDocument(started)).getModifiedCount() == 1;
        } catch (MongoWriteException duplicate) {
            if (ErrorCategory.fromErrorCode(duplicate.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw duplicate;
        }
    }

    private void save(ImportStatus status) {
        statuses.replaceOne(Filters.eq("_id", status.id()), toDocument(status));
    }

    private Document toDocument(ImportStatus status) {
        try {
            return Document.parse(json.writeValueAsString(status)).append("_id", status.id());
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("an import's status is plain data", impossible);
        }
    }

    private ImportStatus fromDocument(Document document) {
        document.remove("_id");
        try {
            return json.readValue(document.toJson(), ImportStatus.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("import status " + document.get("id") + " cannot be read", unreadable);
        }
    }

    /** The reason the events of an import's row carry: the import, and what the row says. */
    static String reason(String importId, String rowReason) {
        Rules.optionalText("reason", rowReason, Rules.MAX_REASON);
        return rowReason == null ? importId : importId + ": " + rowReason;
    }

    static ImportPlan.RowProblem problem(int line, RuntimeException broken) {
        String field = broken instanceof RuleViolated violated ? violated.field()
                       : broken instanceof UnknownReference unknown ? unknown.field()
                       : null;
        return new ImportPlan.RowProblem(line, field, broken.getMessage());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                         .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java has SHA-256", missing);
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }

    /** The counts of an import as its rows are handled (or, for a dry run, looked at). */
    private static final class Run {

        private final ImportStatus submitted;
        private final Map<String, Integer> appended = new LinkedHashMap<>();
        private final List<ImportPlan.RowProblem> badRows;
        private int rowsDone;
        private int alreadyImported;

        Run(ImportStatus submitted) {
            this.submitted = submitted;
            this.badRows = new ArrayList<>(submitted.badRows());
            this.rowsDone = submitted.rowsDone();
        }

        /** Sends the row's steps the log does not hold yet. */
        synchronized void row(ImportPlan.PlannedRow row, Consumer<ImportPlan.Step> send) {
            boolean any = false;
            for (ImportPlan.Step step : row.steps()) {
                if (!step.inLog().getAsBoolean()) {
                    send.accept(step);
                    appended.merge(step.event(), 1, Integer::sum);
                    any = true;
                }
            }
            alreadyImported += any ? 0 : 1;
            rowsDone++;
        }

        synchronized void refused(ImportPlan.RowProblem problem) {
            badRows.add(problem);
            rowsDone++;
        }

        synchronized ImportStatus status(String status, String failure) {
            Instant now = Instant.now();
            boolean finished = !status.equals(ImportStatus.RUNNING);
            return new ImportStatus(submitted.id(), submitted.kind(), submitted.cycleId(), status, submitted.mode(),
                                    submitted.actor(), submitted.fileSha256(), submitted.columns(),
                                    submitted.ignoredColumns(), submitted.rules(), submitted.rows(), rowsDone,
                                    submitted.rows() == 0 ? 1 : (double) rowsDone / submitted.rows(),
                                    alreadyImported, new LinkedHashMap<>(appended), List.copyOf(badRows), failure,
                                    submitted.submittedAt(), now, finished ? now : null);
        }
    }
}
