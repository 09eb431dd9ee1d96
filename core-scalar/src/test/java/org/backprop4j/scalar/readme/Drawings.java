package org.backprop4j.scalar.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The graphs a README draws: the DOT text the code produces today, compared with the DOT committed
 * beside the README ({@code doc/NAME.dot}) that its picture ({@code doc/NAME.svg}) was rendered
 * from, so a picture cannot go stale unnoticed.
 */
public final class Drawings {

    private static final Pattern LABEL = Pattern.compile("label=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, String> drawn = new LinkedHashMap<>();

    /**
     * Records the graph a snippet drew.
     *
     * @param name the file name without extension, e.g. {@code "expression"} for {@code doc/expression.svg}
     * @param dot the DOT text the code produced
     * @throws IllegalArgumentException if {@code name} was drawn already or is not a plain lowercase name
     */
    public void add(String name, String dot) {
        Objects.requireNonNull(dot, "dot");
        if (!Objects.requireNonNull(name, "name").matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("a drawing's name is lowercase letters, digits and '-': " + name);
        }
        if (drawn.putIfAbsent(name, dot) != null) {
            throw new IllegalArgumentException("drawing '" + name + "' was added twice");
        }
    }

    /**
     * Records a graph to be drawn top to bottom ({@code rankdir=TB}) instead of left to right: a long
     * chain that would be too wide for a page reads better downwards.
     *
     * @param name the file name without extension
     * @param dot the DOT text the code produced, with {@code rankdir=LR}
     * @throws IllegalArgumentException if the DOT sets no {@code rankdir=LR}, or as {@link #add}
     */
    public void addTopDown(String name, String dot) {
        Objects.requireNonNull(dot, "dot");
        if (!dot.contains("rankdir=LR;")) {
            throw new IllegalArgumentException("drawing '" + name + "' sets no rankdir=LR to turn");
        }
        add(name, dot.replace("rankdir=LR;", "rankdir=TB;"));
    }

    /**
     * Every problem with the drawings of the README in {@code folder}: a committed DOT that differs
     * from today's (today's is written to {@code target/drawings/} to copy over), a missing or stale
     * SVG, a picture the README does not show, a committed file no code draws.
     */
    List<String> problems(Path folder, String readme) {
        List<String> problems = new ArrayList<>();
        Path doc = shown(folder.resolve("doc"));
        for (Map.Entry<String, String> e : drawn.entrySet()) {
            String name = e.getKey();
            Path dot = doc.resolve(name + ".dot");
            Path svg = doc.resolve(name + ".svg");
            String committed = read(dot);
            if (!e.getValue().equals(committed)) {
                Path fresh = shown(folder.resolve("target/drawings/" + name + ".dot"));
                write(fresh, e.getValue());
                problems.add(dot + (committed == null ? " is missing" : " differs from what the code draws today")
                        + ": copy " + fresh + " over it and re-render: dot -Tsvg " + dot + " -o " + svg);
                continue;
            }
            String picture = unescape(read(svg));
            if (picture == null) {
                problems.add(svg + " is missing: dot -Tsvg " + dot + " -o " + svg);
                continue;
            }
            for (String text : texts(e.getValue())) {
                if (!picture.contains(">" + text + "<")) {
                    problems.add(svg + " was not rendered from " + dot + " (it lacks '" + text + "'): dot -Tsvg " + dot + " -o " + svg);
                    break;
                }
            }
            if (!readme.contains("](doc/" + name + ".svg)")) {
                problems.add("the README does not show doc/" + name + ".svg");
            }
        }
        for (String file : files(doc)) {
            String name = file.replaceFirst("\\.(dot|svg)$", "");
            if (!drawn.containsKey(name)) {
                problems.add(doc.resolve(file) + " is drawn by no snippet: delete it or draw it");
            }
        }
        return problems;
    }

    /** The path as the user sees it, relative to the working folder where it can be. */
    private static Path shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) ? here.relativize(path) : path;
    }

    /** The texts Graphviz writes into the SVG: every label, records split at their fields. */
    private static List<String> texts(String dot) {
        List<String> texts = new ArrayList<>();
        Matcher m = LABEL.matcher(dot);
        while (m.find()) {
            for (String field : m.group(1).split("(?<!\\\\)\\|")) {
                String text = field.replaceAll("(?<!\\\\)[{}]", "").replaceAll("\\\\(.)", "$1").strip();
                if (!text.isEmpty()) {
                    texts.add(text);
                }
            }
        }
        return texts;
    }

    /** SVG text with its character references decoded (Graphviz writes '-' as {@code &#45;}). */
    private static String unescape(String svg) {
        if (svg == null) {
            return null;
        }
        Matcher m = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(svg);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            int code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            m.appendReplacement(text, Matcher.quoteReplacement(Character.toString(code)));
        }
        m.appendTail(text);
        return text.toString().replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    private static TreeSet<String> files(Path doc) {
        TreeSet<String> names = new TreeSet<>();
        if (Files.isDirectory(doc)) {
            try (Stream<Path> list = Files.list(doc)) {
                list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dot") || n.endsWith(".svg")).forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
