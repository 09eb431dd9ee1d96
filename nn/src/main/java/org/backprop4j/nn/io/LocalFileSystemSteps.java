package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The real file operations of a durable save, on the platform's default file system. */
enum LocalFileSystemSteps implements FileSystemSteps {

    /** The one instance. */
    INSTANCE;

    @Override
    public FileChannel createNew(Path temporary) throws IOException {
        return FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public void write(FileChannel file, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            file.write(bytes);
        }
    }

    @Override
    public void force(FileChannel file) throws IOException {
        file.force(true);
    }

    /**
     * Renames atomically, replacing the target. With {@code ATOMIC_MOVE} alone, whether an existing
     * target is replaced is up to the file system's provider: the platform's own replace it (POSIX
     * {@code rename}, Windows {@code MoveFileEx}) and ignore {@code REPLACE_EXISTING}; others (a zip
     * file system, in-memory ones used in tests) fail unless it is given, so it is.
     */
    @Override
    public void moveAtomically(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Opens the folder for reading and forces it. Opening a folder as a file works on every POSIX
     * file system (Linux, macOS), so there a folder that cannot be opened (no read permission, gone)
     * is a failure, reported: the rename is not known to be on disk. On other file systems (Windows,
     * which cannot open a folder as a file) the rename's durability is left to the file system.
     */
    @Override
    public void forceFolder(Path folder) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(folder, StandardOpenOption.READ);
        } catch (IOException e) {
            if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                throw e;
            }
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    @Override
    public void delete(Path temporary) throws IOException {
        Files.deleteIfExists(temporary);
    }
}
