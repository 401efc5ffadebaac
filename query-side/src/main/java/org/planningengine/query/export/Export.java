package org.planningengine.query.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A view as tables: the first is its CSV; Markdown shows them all, under the view's title and facts (as of when).
 *
 * @param facts lines such as "as of 2027-05-01T09:30:00Z", shown above the tables in Markdown
 */
record Export(String title, List<String> facts, List<Table> tables) {

    /** A table; cells are text, numbers, instants or dates, null for none. */
    record Table(String title, List<String> columns, List<List<Object>> rows) {

        Table(String title, String... columns) {
            this(title, List.of(columns), new ArrayList<>());
        }

        Table row(Object... cells) {
            rows.add(Arrays.asList(cells));
            return this;
        }
    }

    /** RFC 4180: a header line, a line per row, CRLF; a field with a comma, quote or line break is quoted. */
    String csv() {
        Table table = tables.get(0);
        StringBuilder csv = new StringBuilder();
        csv.append(table.columns().stream().map(Export::csvField).collect(Collectors.joining(","))).append("\r\n");
        for (List<Object> row : table.rows()) {
            csv.append(row.stream().map(cell -> csvField(text(cell))).collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    String markdown() {
        StringBuilder markdown = new StringBuilder("# ").append(title).append("\n\n");
        facts.forEach(fact -> markdown.append(fact).append("  \n"));
        for (Table table : tables) {
            markdown.append("\n");
            if (table.title() != null) {
                markdown.append("## ").append(table.title()).append("\n\n");
            }
            if (table.rows().isEmpty()) {
                markdown.append("None.\n");
                continue;
            }
            markdown.append(markdownRow(table.columns().stream().map(Object.class::cast).toList()));
            markdown.append("|").append(" --- |".repeat(table.columns().size())).append("\n");
            table.rows().forEach(row -> markdown.append(markdownRow(row)));
        }
        return markdown.toString();
    }

    private static String markdownRow(List<Object> cells) {
        return "| " + cells.stream().map(cell -> text(cell).replace("\\", "\\\\").replace("|", "\\|")
                                                       .replaceAll("\r?\n", "<br>"))
                           .collect(Collectors.joining(" | ")) + " |\n";
    }

    private static String csvField(String value) {
        return value.matches("(?s).*[,\"\r\n].*") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        return cell instanceof BigDecimal number ? number.toPlainString() : cell.toString();
    }
}
