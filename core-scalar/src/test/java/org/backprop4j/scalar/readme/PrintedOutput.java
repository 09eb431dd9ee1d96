package org.backprop4j.scalar.readme;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What snippets print to {@code System.out}, each chunk attributed to the source line that printed
 * it: the first stack frame that lies in one of the snippet classes.
 */
final class PrintedOutput extends OutputStream {

    /** A chunk of output and the line of snippet code that printed it. */
    record Chunk(String className, int line, byte[] bytes) {
    }

    private final Set<String> classes;
    private final List<Chunk> chunks = new ArrayList<>();
    private final StackWalker walker = StackWalker.getInstance();

    PrintedOutput(Set<String> classes) {
        this.classes = Set.copyOf(classes);
    }

    /** A stream for {@code System.setOut} that records into this. */
    PrintStream stream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Optional<StackWalker.StackFrame> caller = walker.walk(frames -> frames
                .filter(f -> classes.contains(topLevel(f.getClassName())))
                .findFirst());
        String owner = caller.map(f -> topLevel(f.getClassName())).orElse("");
        int line = caller.map(StackWalker.StackFrame::getLineNumber).orElse(-1);
        byte[] copy = new byte[length];
        System.arraycopy(bytes, offset, copy, 0, length);
        chunks.add(new Chunk(owner, line, copy));
    }

    /** Everything the lines of {@code region} printed, in the order printed, with {@code \r\n} as {@code \n}. */
    String of(SourceRegion region) {
        return collect(region, -1);
    }

    /** Everything one line of {@code region} (1-based within the region) printed. */
    String ofLine(SourceRegion region, int lineInRegion) {
        return collect(region, region.firstLine() + lineInRegion - 1);
    }

    private String collect(SourceRegion region, int onlyLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Chunk chunk : chunks) {
            if (region.contains(chunk.className(), chunk.line()) && (onlyLine < 0 || chunk.line() == onlyLine)) {
                out.writeBytes(chunk.bytes());
            }
        }
        return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }
}
