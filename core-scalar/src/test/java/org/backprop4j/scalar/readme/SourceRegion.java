package org.backprop4j.scalar.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A region of a compiled source file shown in a README: the lines between {@code // readme:NAME}
 * and {@code // readme:end}, without their common indentation.
 *
 * @param name the snippet's name, as in the README's {@code <!-- snippet: NAME -->} marker
 * @param className the binary name of the top-level class the region lies in
 * @param firstLine the region's first line (1-based, the line after the start marker)
 * @param lastLine the region's last line (the line before the end marker)
 * @param text the region's lines, dedented, each ending in a newline
 */
public record SourceRegion(String name, String className, int firstLine, int lastLine, String text) {

    private static final Pattern START = Pattern.compile("^\\s*// readme:([a-z0-9-]+)\\s*$");
    private static final String END = "// readme:end";

    /**
     * Every region of a Java source file under a {@code src/…/java/} folder, in file order.
     *
     * @param source the path of the {@code .java} file
     * @return its regions
     * @throws IllegalArgumentException if a region is not closed or regions nest
     */
    public static List<SourceRegion> parse(Path source) {
        List<String> lines;
        try {
            lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snippet source " + source, e);
        }
        String className = className(source);
        List<SourceRegion> regions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher start = START.matcher(lines.get(i));
            if (!start.matches() || start.group(1).equals("end")) {
                continue;
            }
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).trim().equals(END)) {
                if (START.matcher(lines.get(j)).matches()) {
                    throw new IllegalArgumentException(source + ":" + (j + 1) + ": region '" + start.group(1) + "' is not closed before the next one");
                }
                j++;
            }
            if (j == lines.size()) {
                throw new IllegalArgumentException(source + ": region '" + start.group(1) + "' has no " + END);
            }
            regions.add(new SourceRegion(start.group(1), className, i + 2, j, dedent(lines.subList(i + 1, j))));
            i = j;
        }
        return regions;
    }

    /** Whether {@code line} of class {@code owner} lies in this region. */
    boolean contains(String owner, int line) {
        return owner.equals(className) && line >= firstLine && line <= lastLine;
    }

    private static String className(Path source) {
        String path = source.toString().replace('\\', '/');
        int java = path.lastIndexOf("/java/");
        if (java < 0 || !path.endsWith(".java")) {
            throw new IllegalArgumentException("not a Java source under a java/ folder: " + source);
        }
        return path.substring(java + "/java/".length(), path.length() - ".java".length()).replace('/', '.');
    }

    private static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }
}
