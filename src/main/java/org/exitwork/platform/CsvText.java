package org.exitwork.platform;

import java.util.List;

/**
 * Text as RFC 4180 CSV: every cell quoted, lines ended by CRLF. A cell a spreadsheet would take for a
 * formula starts with an apostrophe, so a downloaded file never runs one. Text only; handing a file
 * out is the disclosure gate's business (or the one named exception of the organisation's own figures).
 */
public final class CsvText {

    private CsvText() {
    }

    /** Appends one line of cells. */
    public static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** Quoted; a cell a spreadsheet would take for a formula starts with an apostrophe. */
    public static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
