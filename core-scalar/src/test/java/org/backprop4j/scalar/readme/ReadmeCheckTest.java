package org.backprop4j.scalar.readme;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README checker catches what it is for: wrong output, wrong comments, edited blocks and stale pictures. */
class ReadmeCheckTest {

    private static final Path SAMPLE = Path.of("src/test/java/org/backprop4j/scalar/readme/ReadmeCheckTest.java");

    static void sample() {
        // readme:sample
        System.out.println(1.0 / 3);      // 0.333…
        System.out.println("two");
        // readme:end
    }

    private static ReadmeCheck check(Path folder, String readme) throws IOException {
        Path file = folder.resolve("README.md");
        Files.writeString(file, readme, StandardCharsets.UTF_8);
        return ReadmeCheck.of(file, SAMPLE).run(ReadmeCheckTest::sample);
    }

    private static String block(String output) {
        return "<!-- snippet: sample -->\n```java\n"
                + "System.out.println(1.0 / 3);      // 0.333…\nSystem.out.println(\"two\");\n```\n\n"
                + output;
    }

    @Test
    void passesWhatItPrints(@TempDir Path folder) throws IOException {
        assertDoesNotThrow(check(folder, block("```text\n0.3333333333333333\ntwo\n```\n"))::verify);
        assertDoesNotThrow(check(folder, block("```text\n…\ntwo\n```\n"))::verify);
        assertDoesNotThrow(check(folder, block(""))::verify);
    }

    @Test
    void failsOnOtherOutput(@TempDir Path folder) throws IOException {
        AssertionError e = assertThrows(AssertionError.class, check(folder, block("```text\n0.3333333333333333\nthree\n```\n"))::verify);
        assertTrue(e.getMessage().contains("the output shown under snippet 'sample'"), e.getMessage());
    }

    @Test
    void failsOnAWrongCommentAndAnEditedBlock(@TempDir Path folder) throws IOException {
        String readme = block("").replace("// 0.333…", "// 0.25");
        AssertionError e = assertThrows(AssertionError.class, check(folder, readme)::verify);
        assertTrue(e.getMessage().contains("differs from its source"), e.getMessage());
        assertThrows(AssertionError.class, check(folder, "```java\nint x;\n```\n")::verify);
    }

    @Test
    void failsOnAStaleOrMissingPicture(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("doc"));
        Files.writeString(folder.resolve("doc/g.dot"), "digraph G {\n  v0 [label=\"{ a | data 1.0000 }\"];\n}\n");
        Files.writeString(folder.resolve("doc/g.svg"), "<svg><text>a</text><text>data 2.0000</text></svg>");
        ReadmeCheck fresh = check(folder, block("") + "\n![g](doc/g.svg)\n");
        fresh.drawings().add("g", "digraph G {\n  v0 [label=\"{ a | data 1.0000 }\"];\n}\n");
        AssertionError stale = assertThrows(AssertionError.class, fresh::verify);
        assertTrue(stale.getMessage().contains("was not rendered from"), stale.getMessage());

        ReadmeCheck changed = check(folder, block("") + "\n![g](doc/g.svg)\n");
        changed.drawings().add("g", "digraph G {\n  v0 [label=\"{ a | data 3.0000 }\"];\n}\n");
        AssertionError differs = assertThrows(AssertionError.class, changed::verify);
        assertTrue(differs.getMessage().contains("differs from what the code draws today"), differs.getMessage());

        Files.writeString(folder.resolve("doc/g.svg"), "<svg><text>a</text><text>data &#45;1.0000</text><text>data 1.0000</text></svg>");
        ReadmeCheck good = check(folder, block("") + "\n![g](doc/g.svg)\n");
        good.drawings().add("g", "digraph G {\n  v0 [label=\"{ a | data 1.0000 }\"];\n}\n");
        assertDoesNotThrow(good::verify);
    }

    @Test
    void failsOnALinkToNothing(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("there.md"), "here");
        assertDoesNotThrow(check(folder, block("") + "\n[there](there.md#top), [web](https://example.org/x)\n")::verify);
        AssertionError e = assertThrows(AssertionError.class, check(folder, block("") + "\n![gone](doc/gone.png)\n")::verify);
        assertTrue(e.getMessage().contains("links to doc/gone.png, which does not exist"), e.getMessage());
    }

    @Test
    void ellipsisMatchesAnyTextOnALineOrAnyLines() {
        assertTrue(Pattern.compile(ReadmeCheck.pattern("a…c\n…\nz\n", true)).matcher("abbc\nx\ny\nz\n").matches());
        assertTrue(!Pattern.compile(ReadmeCheck.pattern("a…c", false)).matcher("ab\nc").matches());
    }
}
