package org.planningengine.command.imports;

import org.planningengine.command.RuleViolated;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, as spreadsheets write it: fields may be quoted, and a quoted field may hold the separator, line
 * breaks and doubled quotes. The separator is the one of {@code , ; tab} the header line uses most (spreadsheets in
 * many countries write semicolons).
 */
final class Csv {

    /** One record and the line of the file it starts on (1 is the first line). */
    record Record(int line, List<String> fields) {
    }

    private Csv() {
    }

    static List<Record> parse(String text) {
        char separator = separatorOf(text);
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                quoted = wasQuoted = true;
                field.setLength(0);
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                add(records, recordLine, fields);
                fields = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                recordLine = ++line;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new RuleViolated("file", "line " + line + ": a quoted field must end with its closing quote "
                                               + "(found '" + c + "' after it; a quote inside a field is written \"\")");
            } else if (!wasQuoted) {
                field.append(c);
            }
        }
        if (quoted) {
            throw new RuleViolated("file", "line " + recordLine + ": a quoted field is never closed");
        }
        if (!field.isEmpty() || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            add(records, recordLine, fields);
        }
        return records;
    }

    /** Blank lines are not records. */
    private static void add(List<Record> records, int line, List<String> fields) {
        if (fields.size() > 1 || !fields.get(0).isBlank()) {
            records.add(new Record(line, List.copyOf(fields)));
        }
    }

    private static char separatorOf(String text) {
        String header = text.lines().findFirst().orElse("");
        char best = ',';
        long most = 0;
        for (char candidate : new char[]{',', ';', '\t'}) {
            long count = header.chars().filter(c -> c == candidate).count();
            if (count > most) {
                best = candidate;
                most = count;
            }
        }
        return best;
    }
}
