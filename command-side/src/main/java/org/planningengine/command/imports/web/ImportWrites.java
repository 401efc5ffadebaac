package org.planningengine.command.imports.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.imports.ImportFile;
import org.planningengine.command.imports.ImportStatus;
import org.planningengine.command.imports.Imports;
import org.planningengine.command.imports.RowsRefused;
import org.planningengine.command.imports.Scales;
import org.planningengine.command.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;

/**
 * Imports into a cycle: a file of initiatives ({@code /imports}) or of objectives and key results
 * ({@code /okr-imports}), sent as the body ({@code text/csv}, {@code application/x-ndjson}) or as the part
 * {@code file} of a form. An import that starts answers {@code 202} with its status and where to follow it; one sent
 * before answers {@code 200} with its status; a dry run answers {@code 200} with what it would append.
 */
@RestController
@Tag(name = "Imports",
        description = "Initiatives and objectives imported from a file (CSV or JSON Lines), in the background")
@RequestMapping("/api/cycles/{cycleId}")
class ImportWrites {

    static final String CSV = "text/csv";
    static final String JSON_LINES = "application/x-ndjson";

    /** The options of an import, from its query parameters; all may be left out. */
    record Options(Boolean dryRun, String mode, String impactScale, String confidenceScale, String effortUnit) {

        boolean isDryRun() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    private final Imports imports;

    ImportWrites(Imports imports) {
        this.imports = imports;
    }

    @Operation(summary = "Import initiatives from a file")
    @LeastRole(Role.CONTRIBUTOR)
    @PostMapping(value = "/imports", consumes = {CSV, "application/csv", "text/plain", JSON_LINES, "application/jsonl",
                                                 "application/json-lines"})
    @ApiResponse(responseCode = "200", description = "Done at once: a dry run, or a file imported before",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportStatus.class)))
    @ApiResponse(responseCode = "202", description = "Started: follow it at the Location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportStatus.class)))
    ResponseEntity<ImportStatus> importInitiatives(@PathVariable String cycleId, @RequestBody byte[] file,
                                                   @RequestHeader("Content-Type") String contentType,
                                                   Options options) {
        return submit(Imports.Kind.INITIATIVES, cycleId, file, ImportFile.Format.of(contentType, null), options);
    }

    @Operation(summary = "Import initiatives from a file sent as a form")
    @LeastRole(Role.CONTRIBUTOR)
    @PostMapping(value = "/imports", consumes = "multipart/form-data")
    @ApiResponse(responseCode = "200", description = "Done at once: a dry run, or a file imported before",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportStatus.class)))
    @ApiResponse(responseCode = "202", description = "Started: follow it at the Location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportStatus.class)))
    ResponseEntity<ImportStatus> importInitiativesForm(@PathVariable String cycleId, @RequestPart MultipartFile file,
                                                       Options options) throws IOException {
        return submit(Imports.Kind.INITIATIVES, cycleId, file.getBytes(), format(file), options);
    }

    @Operation(summary = "Import objectives and key results from a file")
    @LeastRole(value = Role.LEAD, of = "each imported objective's team")
    @PostMapping(value = "/okr-imports", consumes = {CSV, "application/csv", "text/plain", JSON_LINES,
                                                     "application/jsonl", "application/json-lines"})
    @ApiResponse(responseCode = "200", description = "Done at once: a dry run, or a file imported before",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportStatus.class)))
    @ApiResponse(responseCode = "202", description = "Started: follow it at the Location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportStatus.class)))
    ResponseEntity<ImportStatus> importOkrs(@PathVariable String cycleId, @RequestBody byte[] file,
                                            @RequestHeader("Content-Type") String contentType, Options options) {
        return submit(Imports.Kind.OKRS, cycleId, file, ImportFile.Format.of(contentType, null), options);
    }

    @Operation(summary = "Import objectives and key results from a file sent as a form")
    @LeastRole(value = Role.LEAD, of = "each imported objective's team")
    @PostMapping(value = "/okr-imports", consumes = "multipart/form-data")
    @ApiResponse(responseCode = "200", description = "Done at once: a dry run, or a file imported before",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportStatus.class)))
    @ApiResponse(responseCode = "202", description = "Started: follow it at the Location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportStatus.class)))
    ResponseEntity<ImportStatus> importOkrsForm(@PathVariable String cycleId, @RequestPart MultipartFile file,
                                                Options options) throws IOException {
        return submit(Imports.Kind.OKRS, cycleId, file.getBytes(), format(file), options);
    }

    /** An import's status, while it runs and after. */
    @Operation(summary = "Follow an import's progress")
    @LeastRole(Role.VIEWER)
    @GetMapping("/imports/{importId}")
    ImportStatus status(@PathVariable String cycleId, @PathVariable String importId) {
        return imports.find(cycleId, importId).orElseThrow(() -> new UnknownReference(
                "importId", "import " + importId + " of cycle " + cycleId + " does not exist"));
    }

    @ExceptionHandler
    ProblemDetail rowsRefused(RowsRefused refused) {
        ProblemDetail problem = ProblemResponses.detail(HttpStatus.UNPROCESSABLE_ENTITY, "rule-violated",
                                                        "A rule was broken", refused.getMessage());
        problem.setProperty("errors", refused.problems());
        return problem;
    }

    private ResponseEntity<ImportStatus> submit(Imports.Kind kind, String cycleId, byte[] file,
                                                ImportFile.Format format, Options options) {
        Scales scales = Scales.of(options.impactScale(), options.confidenceScale(), options.effortUnit());
        Imports.Submitted submitted = imports.submit(kind, cycleId, file, format, scales,
                                                     Imports.Mode.of(options.mode()), options.isDryRun());
        if (options.isDryRun()) {
            return ResponseEntity.ok(submitted.status());
        }
        URI location = URI.create("/api/cycles/" + cycleId + "/imports/" + submitted.status().id());
        return ResponseEntity.status(submitted.started() ? HttpStatus.ACCEPTED : HttpStatus.OK).location(location)
                             .body(submitted.status());
    }

    private static ImportFile.Format format(MultipartFile file) {
        return ImportFile.Format.of(file.getContentType(), file.getOriginalFilename());
    }
}
