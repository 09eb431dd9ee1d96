package org.backprop4j.scalar.readme;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a README against the code it shows: every {@code ```java} block is a region of a compiled
 * source ({@link SourceRegion}) shown to the letter, the regions are run, and what they print must
 * be what the README says they print — both the {@code ```text} block right under a code block
 * (its whole output) and the {@code // …} comment on a printing line (that line's output). In
 * either, {@code …} stands for any text, and a line holding only {@code …} for any number of lines.
 * Graphs the snippets draw are checked by {@link Drawings}, and every relative link and picture
 * must name a file that exists.
 *
 * <p>Usage: {@code ReadmeCheck.of(readme, sources).run(Walkthrough::slope).…verify()}.
 */
public final class ReadmeCheck {

    /** A snippet's enclosing code, run once while its printing is recorded. */
    @FunctionalInterface
    public interface Snippet {
        /**
         * Runs the code.
         *
         * @throws Exception whatever the code throws, which fails the check
         */
        void run() throws Exception;
    }

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([a-z0-9-]+) -->");
    private static final Pattern PRINTS_WITH_COMMENT = Pattern.compile(
            "^(.*\\b(?:System\\.out|out)\\.(?:println|print|printf|format)\\(.*\\);)\\s*// (.*)$");

    private final Path readme;
    private final Map<String, SourceRegion> regions = new LinkedHashMap<>();
    private final PrintedOutput printed;
    private final Drawings drawings = new Drawings();
    private final List<String> problems = new ArrayList<>();

    private ReadmeCheck(Path readme, List<Path> sources) {
        this.readme = readme;
        Set<String> classes = new HashSet<>();
        for (Path source : sources) {
            for (SourceRegion region : SourceRegion.parse(source)) {
                if (regions.putIfAbsent(region.name(), region) != null) {
                    throw new IllegalArgumentException("two regions are named '" + region.name() + "'");
                }
                classes.add(region.className());
            }
        }
        printed = new PrintedOutput(classes);
    }

    /**
     * A check of {@code readme} against the regions of {@code sources}.
     *
     * @param readme the README file
     * @param sources the Java files holding its snippets
     * @return a check to run snippets with, then {@link #verify()}
     */
    public static ReadmeCheck of(Path readme, Path... sources) {
        Objects.requireNonNull(readme, "readme");
        return new ReadmeCheck(readme, List.of(sources));
    }

    /**
     * Runs code that holds snippets, with {@code System.out} recorded line by line.
     *
     * @param snippet the code
     * @return this check
     */
    public ReadmeCheck run(Snippet snippet) {
        PrintStream original = System.out;
        System.setOut(printed.stream());
        try {
            snippet.run();
        } catch (Exception e) {
            throw new AssertionError("a snippet of " + readme + " threw " + e, e);
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        return this;
    }

    /** @return the drawings the snippets record their graphs into */
    public Drawings drawings() {
        return drawings;
    }

    /**
     * Checks everything and fails with every problem found.
     *
     * @throws AssertionError naming each block that differs from its source, each output that
     *     differs from what the README shows, and each stale drawing
     */
    public void verify() {
        String text = read(readme);
        List<String> shown = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].equals("```java")) {
                continue;
            }
            int close = closing(lines, i);
            String block = String.join("\n", List.of(lines).subList(i + 1, close)) + "\n";
            Matcher marker = MARKER.matcher(i > 0 ? lines[i - 1] : "");
            if (!marker.matches()) {
                problems.add(readme + ":" + (i + 1) + ": a ```java block without a <!-- snippet: NAME --> marker on the line above");
                i = close;
                continue;
            }
            String name = marker.group(1);
            SourceRegion region = regions.get(name);
            shown.add(name);
            if (region == null) {
                problems.add(readme + ": snippet '" + name + "' is in no source");
            } else if (!region.text().equals(block)) {
                problems.add(readme + ": block '" + name + "' differs from its source " + region.className() + ":" + region.firstLine()
                        + "\n--- README\n" + block + "--- source\n" + region.text());
            } else {
                checkComments(region);
                int output = close + 1;
                while (output < lines.length && lines[output].isBlank()) {
                    output++;
                }
                if (output < lines.length && lines[output].equals("```text")) {
                    int end = closing(lines, output);
                    checkOutput(region, String.join("\n", List.of(lines).subList(output + 1, end)) + "\n");
                    close = end;
                }
            }
            i = close;
        }
        for (String name : regions.keySet()) {
            long times = shown.stream().filter(name::equals).count();
            if (times != 1) {
                problems.add(readme + " shows snippet '" + name + "' " + times + " times, not once");
            }
        }
        problems.addAll(drawings.problems(readme.toAbsolutePath().getParent(), text));
        checkLinks(text);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problem(s) with " + readme + ":\n\n" + String.join("\n\n", problems));
        }
    }

    /** Every relative link and picture of the README names a file that exists. */
    private void checkLinks(String text) {
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1).replaceFirst("#.*$", "");
            if (target.isEmpty() || target.matches("[a-z]+:.*")) {
                continue;
            }
            if (!Files.exists(readme.toAbsolutePath().getParent().resolve(target))) {
                problems.add(readme + " links to " + target + ", which does not exist");
            }
        }
    }

    private void checkComments(SourceRegion region) {
        String[] code = region.text().split("\n");
        for (int k = 0; k < code.length; k++) {
            Matcher m = PRINTS_WITH_COMMENT.matcher(code[k]);
            if (!m.matches()) {
                continue;
            }
            String out = printed.ofLine(region, k + 1);
            String actual = out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
            if (!Pattern.compile(pattern(m.group(2), false)).matcher(actual).matches()) {
                problems.add(readme + ": snippet '" + region.name() + "' line " + (k + 1) + " says it prints\n    " + m.group(2)
                        + "\nbut it prints\n    " + (out.isEmpty() ? "(nothing)" : actual.replace("\n", "\n    ")));
            }
        }
    }

    private void checkOutput(SourceRegion region, String expected) {
        String actual = printed.of(region);
        if (!Pattern.compile(pattern(expected, true)).matcher(actual).matches()) {
            problems.add(readme + ": the output shown under snippet '" + region.name() + "' is\n" + expected
                    + "but it prints\n" + (actual.isEmpty() ? "(nothing)\n" : actual));
        }
    }

    /** A regex for shown output: {@code …} is any text on a line, a line of only {@code …} any lines. */
    static String pattern(String shown, boolean multiline) {
        if (!multiline) {
            return literal(shown);
        }
        StringBuilder regex = new StringBuilder();
        String[] lines = shown.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            regex.append(lines[i].equals("…") ? "(?:[^\\n]*\\n)*?" : literal(lines[i]) + "\\n");
        }
        return regex.append(literal(lines[lines.length - 1])).toString();
    }

    private static String literal(String line) {
        StringBuilder regex = new StringBuilder();
        String[] parts = line.split("…", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[^\\n]*");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return regex.toString();
    }

    private int closing(String[] lines, int open) {
        for (int j = open + 1; j < lines.length; j++) {
            if (lines[j].equals("```")) {
                return j;
            }
        }
        throw new IllegalArgumentException(readme + ":" + (open + 1) + ": a code block is never closed");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
