package vn.tdkt.hub.domain.workbook;

import java.util.HashMap;
import java.util.Map;

import org.apache.poi.xssf.model.SharedStrings;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The cells of one worksheet, read with SAX from its XML part (never loaded as a document, never evaluated):
 * the value as stored, whether the cell holds a formula, within limits on rows and cells (a sheet past them
 * stops the parse with {@link TooBig}). Only columns below {@code keepColumns} are kept.
 */
final class SheetCells extends DefaultHandler {

    /** A stored cell: its type attribute ({@code s}, {@code n}, {@code b}, {@code str}, {@code inlineStr}, {@code e}),
     * its value as text (shared strings resolved), and whether it holds a formula. */
    record Cell(String type, String value, boolean formula) {

        boolean isBlank() {
            return !formula && (value == null || value.isBlank());
        }

        boolean isNumber() {
            return type == null || type.equals("n");
        }

        boolean isText() {
            return "s".equals(type) || "inlineStr".equals(type) || "str".equals(type);
        }
    }

    /** Thrown when the sheet has more rows or cells than allowed. */
    static final class TooBig extends RuntimeException {
        TooBig(String message) {
            super(message, null, false, false);
        }
    }

    private final SharedStrings strings;
    private final int maxRows;
    private final int maxCells;
    private final int keepColumns;
    private final Map<Long, Cell> cells = new HashMap<>();

    private int rows;
    private int cellCount;
    private int row = -1;
    private int col = -1;
    private String type;
    private boolean formula;
    private boolean inValue;
    private boolean inCell;
    private final StringBuilder text = new StringBuilder();
    private boolean hasValue;

    SheetCells(SharedStrings strings, int maxRows, int maxCells, int keepColumns) {
        this.strings = strings;
        this.maxRows = maxRows;
        this.maxCells = maxCells;
        this.keepColumns = keepColumns;
    }

    Cell cell(int r, int c) {
        Cell found = cells.get(key(r, c));
        return found != null ? found : new Cell(null, null, false);
    }

    int maxRow() {
        return cells.keySet().stream().mapToInt(k -> (int) (k >>> 16)).max().orElse(-1);
    }

    private static long key(int r, int c) {
        return ((long) r << 16) | c;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
        switch (localName) {
            case "row" -> {
                if (++rows > maxRows) {
                    throw new TooBig("more than " + maxRows + " rows");
                }
                String r = atts.getValue("r");
                row = r != null ? parseInt(r) - 1 : row + 1;
                col = -1;
            }
            case "c" -> {
                if (++cellCount > maxCells) {
                    throw new TooBig("more than " + maxCells + " cells");
                }
                String ref = atts.getValue("r");
                if (ref != null) {
                    int[] rc = parseRef(ref);
                    row = rc[0];
                    col = rc[1];
                } else {
                    col++;
                }
                type = atts.getValue("t");
                formula = false;
                hasValue = false;
                inCell = true;
                text.setLength(0);
            }
            case "f" -> formula = true;
            case "v", "t" -> {
                if (inCell) {
                    inValue = true;
                    hasValue = true;
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inValue) {
            if (text.length() + length > 100_000) {
                throw new TooBig("a cell of more than 100000 characters");
            }
            text.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        switch (localName) {
            case "v", "t" -> inValue = false;
            case "c" -> {
                inCell = false;
                if (row < 0 || col < 0 || row > 1_048_575 || col > 16_383) {
                    return;
                }
                if (col < keepColumns && (hasValue || formula)) {
                    String value = hasValue ? text.toString() : null;
                    if ("s".equals(type) && value != null) {
                        value = sharedString(value);
                    }
                    cells.put(key(row, col), new Cell(type, value, formula));
                }
            }
            default -> {
            }
        }
    }

    private String sharedString(String index) {
        try {
            int i = Integer.parseInt(index.trim());
            if (i < 0 || i >= strings.getCount()) {
                return null;
            }
            return strings.getItemAt(i).getString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A1-style reference to 0-based row and column; -1s when malformed. */
    static int[] parseRef(String ref) {
        int i = 0;
        int c = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i)) && i < 4) {
            c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
        }
        int r = i < ref.length() ? parseInt(ref.substring(i)) : -1;
        return new int[] {r - 1 < 0 ? -1 : r - 1, c - 1};
    }
}
