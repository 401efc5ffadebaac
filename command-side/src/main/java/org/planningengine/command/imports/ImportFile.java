package org.planningengine.command.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.planningengine.command.RuleViolated;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An uploaded file as rows of the columns an import reads: CSV with a header line, or JSON lines (an object per
 * line). Columns are found by name, ignoring case, spaces, '-' and '_', under any of their aliases; the file's other
 * columns are ignored and named in the answer.
 *
 * @param sha256  the file's digest: the same file makes the same import
 * @param columns which of the file's columns each column of the import was read from
 * @param ignored the file's columns the import does not read
 */
public record ImportFile(String sha256, Map<String, String> columns, List<String> ignored, List<Row> rows) {

    public enum Format {
        CSV, JSON_LINES;

        /** JSON lines by their media type or file name ({@code .jsonl}, {@code .ndjson}); CSV otherwise. */
        public static Format of(String mediaType, String fileName) {
            String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
            String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            return type.contains("ndjson") || type.contains("jsonl") || type.contains("json-lines")
                   || name.endsWith(".jsonl") || name.endsWith(".ndjson") ? JSON_LINES : CSV;
        }
    }

    /** A column an import reads, by its name in the answer and the names a file may give it. */
    record Column(String name, boolean required, String... aliases) {
    }

    /** A row of the file, by the line it starts on, with the values of the import's columns (blank ones left out). */
    record Row(int line, Map<String, String> values) {

        String get(String column) {
            return values.get(column);
        }
    }

    /** A key twice on a line is refused (the last would silently win), as in every body the API reads. */
    private static final ObjectMapper JSON = JsonMapper.builder()
                                                       .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                                                       .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                                       .build();

    static ImportFile read(byte[] content, Format format, List<Column> wanted) {
        String text = utf8(content);
        List<String> header = new ArrayList<>();
        List<Csv.Record> records = format == Format.CSV ? csv(text, header) : jsonLines(text, header);
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (Column column : wanted) {
            for (int i = 0; i < header.size(); i++) {
                if (matches(column, header.get(i))) {
                    if (columns.containsKey(column.name())) {
                        throw new RuleViolated("file", "columns '" + columns.get(column.name()) + "' and '"
                                                       + header.get(i) + "' both give " + column.name()
                                                       + "; keep one");
                    }
                    columns.put(column.name(), header.get(i));
                    positions.put(column.name(), i);
                }
            }
            if (column.required() && !columns.containsKey(column.name())) {
                throw new RuleViolated("file", "the file has no column for " + column.name() + " (named one of "
                                               + String.join(", ", column.aliases()) + "); its columns are "
                                               + header);
            }
        }
        List<String> ignored = header.stream().filter(name -> !columns.containsValue(name)).toList();
        List<Row> rows = new ArrayList<>();
        for (Csv.Record record : records) {
            Map<String, String> values = new LinkedHashMap<>();
            positions.forEach((name, position) -> {
                String value = position < record.fields().size() ? record.fields().get(position).strip() : "";
                if (!value.isEmpty()) {
                    values.put(name, value);
                }
            });
            rows.add(new Row(record.line(), values));
        }
        if (rows.isEmpty()) {
            throw new RuleViolated("file", "the file has no rows to import");
        }
        return new ImportFile(sha256(content), columns, ignored, rows);
    }

    private static List<Csv.Record> csv(String text, List<String> header) {
        List<Csv.Record> records = Csv.parse(text);
        if (records.isEmpty()) {
            throw new RuleViolated("file", "the file is empty; it needs a header line naming its columns");
        }
        header.addAll(records.get(0).fields().stream().map(String::strip).toList());
        return records.subList(1, records.size());
    }

    /** Each line an object; its fields become the columns, in the order they first appear. */
    private static List<Csv.Record> jsonLines(String text, List<String> header) {
        List<JsonNode> objects = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<String> textLines = text.lines().toList();
        for (int i = 0; i < textLines.size(); i++) {
            if (textLines.get(i).isBlank()) {
                continue;
            }
            JsonNode object = json(textLines.get(i), i + 1);
            object.fieldNames().forEachRemaining(names::add);
            objects.add(object);
            lines.add(i + 1);
        }
        header.addAll(names);
        List<Csv.Record> records = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            int line = lines.get(i);
            records.add(new Csv.Record(line, header.stream().map(name -> scalar(object.get(name), name, line))
                                                   .toList()));
        }
        return records;
    }

    private static JsonNode json(String line, int number) {
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.isObject()) {
                throw new RuleViolated("file", "line " + number + ": each line must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException malformed) {
            throw new RuleViolated("file", "line " + number + ": not valid JSON: "
                                           + malformed.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static String scalar(JsonNode value, String name, int line) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isContainerNode()) {
            throw new RuleViolated("file", "line " + line + ": " + name + " must be a text or a number");
        }
        return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    }

    private static boolean matches(Column column, String header) {
        String name = normalised(header);
        for (String alias : column.aliases()) {
            if (normalised(alias).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
    }

    /** Strict UTF-8 (what spreadsheets export as "CSV UTF-8"), without the byte order mark some write first. */
    private static String utf8(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException notUtf8) {
            throw new RuleViolated("file", "the file must be UTF-8 text");
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java has SHA-256", missing);
        }
    }
}
