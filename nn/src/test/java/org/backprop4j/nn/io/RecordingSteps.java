package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real file operations, recorded by name in the order they run, with one step made to fail on
 * request (creating the temporary file fails as a folder without write permission does).
 */
class RecordingSteps implements FileSystemSteps {

    /** The steps of one save, in the order {@link DurableFile} must run them. */
    static final List<String> SAVE = List.of("createNew", "write", "force", "moveAtomically", "forceFolder");

    private final FileSystemSteps real = LocalFileSystemSteps.INSTANCE;
    private final String failAt;
    private final IOException failure;
    private final List<String> calls = new ArrayList<>();
    private final List<Path> temporaries = new ArrayList<>();

    /** Records every step and fails none. */
    RecordingSteps() {
        this(null, null);
    }

    /**
     * @param failAt the step that throws
     * @param failure what it throws, or null for a plain IOException naming the step
     */
    RecordingSteps(String failAt, IOException failure) {
        this.failAt = failAt;
        this.failure = failure;
    }

    /** @return the steps run so far, by name */
    List<String> calls() {
        return calls;
    }

    /** @return every temporary file created */
    List<Path> temporaries() {
        return temporaries;
    }

    private void step(String name) throws IOException {
        calls.add(name);
        if (name.equals(failAt)) {
            throw failure != null ? failure : new IOException("injected failure at " + name);
        }
    }

    @Override
    public FileChannel createNew(Path temporary) throws IOException {
        calls.add("createNew");
        if ("createNew".equals(failAt)) {
            throw failure != null ? failure : new AccessDeniedException(temporary.toString());
        }
        FileChannel channel = real.createNew(temporary);
        temporaries.add(temporary);
        return channel;
    }

    @Override
    public void write(FileChannel file, ByteBuffer bytes) throws IOException {
        step("write");
        real.write(file, bytes);
    }

    @Override
    public void force(FileChannel file) throws IOException {
        step("force");
        real.force(file);
    }

    @Override
    public void moveAtomically(Path temporary, Path target) throws IOException {
        step("moveAtomically");
        real.moveAtomically(temporary, target);
    }

    @Override
    public void forceFolder(Path folder) throws IOException {
        step("forceFolder");
        real.forceFolder(folder);
    }

    @Override
    public void delete(Path temporary) throws IOException {
        step("delete");
        real.delete(temporary);
    }
}
